import { Command, InvalidArgumentError } from 'commander';
import { resolveTeam } from './cli-options';
import { printJson } from './print';
import { withCore } from './with-core';

export function jobsCommand(): Command {
  const jobs = new Command('jobs').description("plugins' batch jobs");
  jobs
    .command('list')
    .description('the jobs the bundled plugins offer')
    .action(() => withCore(async (core) => printJson(core.jobs.list())));
  jobs
    .command('run')
    .description('run one job for one team and print its result as JSON')
    .argument('<job>', 'plugin:job, as `jobs list` names it')
    .requiredOption('--team <id>', 'team id or slug')
    .option('--arg <key=value>', 'an argument for the job; repeat for more', collectArg, {})
    .action((job: string, options: { team: string; arg: Record<string, string> }) =>
      withCore(async (core) => {
        const team = await resolveTeam(core, options.team);
        printJson(await core.jobs.run(job, { teamId: team.id, args: options.arg }));
      }),
    );
  return jobs;
}

function collectArg(pair: string, args: Record<string, string>): Record<string, string> {
  const equals = pair.indexOf('=');
  if (equals < 1) throw new InvalidArgumentError(`expected key=value, got "${pair}"`);
  return { ...args, [pair.slice(0, equals)]: pair.slice(equals + 1) };
}
