import { Command } from 'commander';
import { backupCommand } from './backup';
import { cardsCommand } from './cards';
import { clvCommand } from './clv';
import { customersCommand } from './customers';
import { exportCommand } from './export';
import { importCommand } from './import';
import { jobsCommand } from './jobs';
import { keysCommand } from './keys';
import { migrateCommand } from './migrate';
import { pluginsCommand } from './plugins';
import { printError } from './print';
import { useProjectOptions } from './project';
import { seedCommand } from './seed';
import { serveCommand } from './serve';
import { teamsCommand } from './teams';
import { usersCommand } from './users';

const program = new Command('guanxi')
  .description(
    'Guanxi (关系) CRM: server, data and administration. Every command runs the project of ' +
      'guanxi.config.ts in the working directory (its plugins, database and server options), ' +
      'or without one, every bundled plugin; DATABASE_URL picks the database.',
  )
  .option('--config <file>', 'the config file to load instead of ./guanxi.config.ts')
  .hook('preAction', (command) => useProjectOptions({ config: command.opts().config }))
  .showHelpAfterError()
  .addCommand(serveCommand())
  .addCommand(migrateCommand())
  .addCommand(backupCommand())
  .addCommand(seedCommand())
  .addCommand(importCommand())
  .addCommand(clvCommand())
  .addCommand(exportCommand())
  .addCommand(customersCommand())
  .addCommand(cardsCommand())
  .addCommand(jobsCommand())
  .addCommand(keysCommand())
  .addCommand(pluginsCommand())
  .addCommand(teamsCommand())
  .addCommand(usersCommand());

// A reader that stops early (`guanxi export … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  printError(error);
  process.exitCode = 1;
}
