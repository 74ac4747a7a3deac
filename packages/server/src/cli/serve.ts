import { Command } from 'commander';

export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'serve the API on HOST:PORT (default 127.0.0.1:3000) over DATABASE_URL; ' +
        'GUANXI_CORS_ORIGINS lists browser origins allowed to call it',
    )
    .action(async () => {
      // Loaded here: the other commands start faster without the HTTP app.
      const { startServer } = await import('../server');
      await startServer();
    });
}
