import { Command } from 'commander';
import { resolveTeam } from './cli-options';
import { withCore } from './with-core';

export function cardsCommand(): Command {
  const cards = new Command('cards').description('customer cards kept ready for the extension');
  cards
    .command('refresh')
    .description(
      "build every card that is stale or missing, in the team's language, as `guanxi serve` does in the background when GUANXI_CARD_REFRESH_MS is set: after a large import, before opening the server",
    )
    .option('--team <id>', 'team id or slug; every team if left out')
    .action((options: { team?: string }) =>
      withCore(async (core) => {
        const teams =
          options.team === undefined
            ? await core.teams.list()
            : [await resolveTeam(core, options.team)];
        for (const team of teams) {
          const started = performance.now();
          const built = await core.context.refreshAll(team.id);
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          process.stdout.write(
            `${team.slug}: ${built} ${built === 1 ? 'card' : 'cards'} built (${seconds} s)\n`,
          );
        }
      }),
    );
  return cards;
}
