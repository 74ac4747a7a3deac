import { Command } from 'commander';

export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'serve the API on HOST:PORT (default 127.0.0.1:3000) over DATABASE_URL; ' +
        'GUANXI_CORS_ORIGINS lists browser origins allowed to call it, ' +
        'GUANXI_WORKERS how many processes answer (default 1), ' +
        'GUANXI_RATE_LIMIT_PER_MINUTE and GUANXI_RATE_LIMIT_BURST the requests per API key; ' +
        'the console at /admin ends a session after GUANXI_SESSION_IDLE_MINUTES idle (30) or ' +
        'GUANXI_SESSION_HOURS (8); each of these wins over the server options of guanxi.config.ts',
    )
    .action(async () => {
      // Loaded here: the other commands start faster without the HTTP app.
      const { serveProject } = await import('../serve-processes');
      process.exitCode = await serveProject();
    });
}
