import { Command } from 'commander';
import { timeZone } from './cli-options';
import { printJson } from './print';
import { withCore } from './with-core';

export function teamsCommand(): Command {
  const teams = new Command('teams').description('teams');
  teams
    .command('list')
    .description('every team')
    .action(() => withCore(async (core) => printJson(await core.teams.list())));
  teams
    .command('create')
    .description('create a team')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--slug <slug>', 'short lower-case name, such as east')
    .option('--currency <code>', 'ISO 4217 currency of its orders', 'CNY')
    .option('--locale <locale>', 'zh-CN or en', 'zh-CN')
    .option(
      '--time-zone <zone>',
      'IANA zone of its days (default: Asia/Shanghai for zh-CN, else UTC)',
      timeZone,
    )
    .action(
      (options: {
        name: string;
        slug: string;
        currency: string;
        locale: string;
        timeZone?: string;
      }) =>
        withCore(async (core) =>
          printJson(
            await core.teams.create({
              name: options.name,
              slug: options.slug,
              currency: options.currency,
              locale: options.locale as 'en' | 'zh-CN',
              timeZone: options.timeZone,
            }),
          ),
        ),
    );
  return teams;
}
