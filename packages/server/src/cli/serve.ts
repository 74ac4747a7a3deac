import { Command } from 'commander';

export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'serve the API on HOST:PORT (default 127.0.0.1:3000) over DATABASE_URL; ' +
        'GUANXI_CORS_ORIGINS lists browser origins allowed to call it, ' +
        'GUANXI_WORKERS how many processes answer (default 1); the console at /admin ends a ' +
        'session after GUANXI_SESSION_IDLE_MINUTES idle (30) or GUANXI_SESSION_HOURS (8)',
    )
    .action(async () => {
      // Loaded here: the other commands start faster without the HTTP app.
      const { serveFromEnv } = await import('../serve-processes');
      process.exitCode = await serveFromEnv();
    });
}
