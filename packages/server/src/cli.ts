#!/usr/bin/env node
import { Command } from 'commander';
import { backupCommand } from './cli/backup';
import { cardsCommand } from './cli/cards';
import { clvCommand } from './cli/clv';
import { customersCommand } from './cli/customers';
import { exportCommand } from './cli/export';
import { importCommand } from './cli/import';
import { jobsCommand } from './cli/jobs';
import { keysCommand } from './cli/keys';
import { migrateCommand } from './cli/migrate';
import { pluginsCommand } from './cli/plugins';
import { printError } from './cli/print';
import { useProjectOptions } from './cli/project';
import { seedCommand } from './cli/seed';
import { serveCommand } from './cli/serve';
import { teamsCommand } from './cli/teams';
import { usersCommand } from './cli/users';

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
