import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Core, GuanxiError } from '@guanxi/core';
import { Command } from 'commander';
import { type DemoSeedResult, seedDemo } from '../seed/demo';
import { withCore } from './with-core';

interface SeedFlags {
  readonly demo?: boolean;
  readonly force?: boolean;
  readonly ifEmpty?: boolean;
  readonly keysFile?: string;
}

export function seedCommand(): Command {
  return new Command('seed')
    .description('fill the database with data to try Guanxi on')
    .option('--demo', 'two demo teams with staff, API keys, customers and two years of history')
    .option('--force', 'seed even though the database already has teams')
    .option('--if-empty', 'do nothing (and succeed) when the database already has teams')
    .option('--keys-file <file>', 'also write the demo API keys to this JSON file (mode 600)')
    .action((flags: SeedFlags, command: Command) => {
      if (!flags.demo) command.error('say what to seed: --demo is the one seed there is');
      return withCore((core) => seed(core, flags));
    });
}

async function seed(core: Core, flags: SeedFlags): Promise<void> {
  const teams = await core.teams.list();
  if (teams.length > 0 && flags.ifEmpty) {
    process.stdout.write(`already seeded: ${teams.length} teams; nothing done\n`);
    return;
  }
  if (teams.length > 0 && !flags.force) {
    throw new GuanxiError(
      'GX_ERR_CONFLICT',
      `The database already has ${teams.length} teams; pass --force to add the demo anyway`,
      { issues: [{ path: 'teams', message: teams.map((team) => team.slug).join(', ') }] },
    );
  }
  const started = performance.now();
  const result = await seedDemo(core);
  if (flags.keysFile !== undefined) {
    await mkdir(dirname(flags.keysFile), { recursive: true });
    await writeFile(flags.keysFile, `${JSON.stringify(result.keys, null, 2)}\n`, { mode: 0o600 });
  }
  printResult(result, performance.now() - started);
}

function printResult(result: DemoSeedResult, ms: number): void {
  const lines = result.teams.map(
    (team) =>
      `team ${team.id} ${team.slug} (${team.name}): ${team.customers} customers, ` +
      `${team.orders} orders, ${team.interactions} interactions ` +
      `(${team.complaints} complaints), ${team.churned} churned`,
  );
  lines.push(`seeded in ${(ms / 1000).toFixed(1)} s; API keys, shown this once:`);
  for (const key of result.keys) {
    lines.push(`  ${key.team} ${key.role.padEnd(7)} ${key.email.padEnd(32)} ${key.key}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
