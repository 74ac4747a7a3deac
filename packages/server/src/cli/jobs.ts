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
    .description(
      'run one job for one team and print its result as JSON; any other --name value is an argument for the job',
    )
    .argument('<job>', 'plugin:job, as `jobs list` names it')
    .requiredOption('--team <id>', 'team id or slug')
    .option('--arg <key=value>', 'an argument for the job; repeat for more', collectArg, {})
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      (job: string, options: { team: string; arg: Record<string, string> }, command: Command) =>
        withCore(async (core) => {
          const team = await resolveTeam(core, options.team);
          const args = { ...options.arg, ...namedArgs(command.args.slice(1)) };
          printJson(await core.jobs.run(job, { teamId: team.id, args }));
        }),
    );
  return jobs;
}

function collectArg(pair: string, args: Record<string, string>): Record<string, string> {
  const equals = pair.indexOf('=');
  if (equals < 1) throw new InvalidArgumentError(`expected key=value, got "${pair}"`);
  return { ...args, [pair.slice(0, equals)]: pair.slice(equals + 1) };
}

/** `--until 1997-09-30 --model=pnbd` → { until: '1997-09-30', model: 'pnbd' }. */
function namedArgs(words: readonly string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    const name = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(word);
    if (name === null)
      throw new InvalidArgumentError(`unexpected "${word}"; job arguments are --name value`);
    const [, key = '', inline] = name;
    const value = inline ?? words[i + 1];
    if (value === undefined) throw new InvalidArgumentError(`--${key} needs a value`);
    if (inline === undefined) i += 1;
    args[key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  }
  return args;
}
