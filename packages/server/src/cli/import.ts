import type { Core } from '@guanxi/core';
import { Command } from 'commander';
import { CUSTOMER_COLUMNS, importCustomers } from '../import/import-customers';
import { importOrders, ORDER_COLUMNS } from '../import/import-orders';
import type { ImportOptions, ImportSummary } from '../import/import-run';
import { positiveInt, resolveTeam } from './cli-options';
import { progressReporter } from './progress';
import { withCore } from './with-core';

type Importer = (core: Core, file: string, options: ImportOptions) => Promise<ImportSummary>;

interface Columns {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

const IMPORTERS: readonly (readonly [string, Columns, Importer])[] = [
  ['customers', CUSTOMER_COLUMNS, importCustomers],
  ['orders', ORDER_COLUMNS, importOrders],
];

interface ImportFlags {
  readonly team: string;
  readonly encoding: string;
  readonly batchSize: number;
}

export function importCommand(): Command {
  const command = new Command('import').description(
    'import CSV, streamed and idempotent; rejected rows go to FILE.rejects.csv beside it',
  );
  for (const [kind, columns, importer] of IMPORTERS) {
    command
      .command(kind)
      .description(
        `import ${kind}; columns ${columns.required.join(',')}, optionally ${columns.optional.join(',')}`,
      )
      .argument('<file>', 'CSV file with a header line')
      .requiredOption('--team <id>', 'team id or slug')
      .option('--encoding <name>', "the file's encoding, such as gbk", 'utf-8')
      .option('--batch-size <rows>', 'rows sent to the core at once', positiveInt, 2_000)
      .action((file: string, flags: ImportFlags) =>
        withCore(async (core) => {
          const team = await resolveTeam(core, flags.team);
          const started = performance.now();
          const progress = progressReporter(`import ${kind}`);
          const summary = await importer(core, file, {
            teamId: team.id,
            encoding: flags.encoding,
            batchSize: flags.batchSize,
            onProgress: (p) => progress.update(p),
          }).finally(() => progress.stop());
          printSummary(summary, performance.now() - started);
          // What the rows deferred (re-scores) is done before the command ends, as a server would.
          const deferredStarted = performance.now();
          const deferred = await core.deferred.drain({ teamId: team.id });
          if (deferred.runs > 0) {
            const failed =
              deferred.failed > 0 ? `; ${deferred.failed} runs failed, to be tried again` : '';
            process.stdout.write(
              `deferred work done for ${deferred.customers} customers (${((performance.now() - deferredStarted) / 1000).toFixed(1)} s)${failed}\n`,
            );
          }
        }),
      );
  }
  return command;
}

function printSummary(summary: ImportSummary, ms: number): void {
  const created =
    summary.customersCreated > 0 ? `, customers created ${summary.customersCreated}` : '';
  const lines = [
    `read ${summary.read}, imported ${summary.imported}, duplicates ${summary.duplicates}, ` +
      `rejected ${summary.rejected}${created} (${(ms / 1000).toFixed(1)} s)`,
  ];
  if (summary.ignoredColumns.length > 0) {
    lines.push(`ignored unknown columns: ${summary.ignoredColumns.join(', ')}`);
  }
  if (summary.rejectsFile !== null) lines.push(`rejected rows and why: ${summary.rejectsFile}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
