import { Command } from 'commander';
import { withCore } from './with-core';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description("run pending migrations: the core's, then every bundled plugin's")
    .action(() =>
      withCore(
        async (core) => {
          for (const report of await core.migrate()) {
            const applied = report.applied.length === 0 ? 'up to date' : report.applied.join(', ');
            process.stdout.write(`${report.owner}: ${applied}\n`);
          }
        },
        { migrate: false },
      ),
    );
}
