import { GuanxiError, isCalendarDay, normaliseTime } from '@guanxi/core';
import type { Analysis } from '@guanxi/plugin-scoring/analysis';
import type { CustomerSummary, Purchase } from '@guanxi/plugin-scoring/models';
import { Command, InvalidArgumentError, Option } from 'commander';
import { openCsv } from '../import/csv-source';
import { importFromProject } from '../project-import';
import { positiveInt } from './cli-options';
import { printJson } from './print';
import { projectRoot } from './project';

const REQUIRED = ['customer', 'placed_at', 'amount'] as const;
const REPORTED_ERRORS = 20;

interface FileFlags {
  readonly orders: string;
  readonly until: string;
  readonly model: 'bgnbd' | 'pnbd';
  readonly unit: 'week' | 'day';
  readonly json?: boolean;
}

interface PredictFlags extends FileFlags {
  readonly horizon: number;
  readonly discountRate: number;
  readonly margin: number;
}

function calendarDay(text: string): string {
  if (!isCalendarDay(text)) throw new InvalidArgumentError('expected a date, YYYY-MM-DD');
  return text;
}

function share(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new InvalidArgumentError('expected a number from 0 to 1');
  }
  return value;
}

/**
 * Reads `customer,placed_at,amount` rows (amounts in currency units). Any bad row stops the
 * run with its line and column named: a model fitted to part of a file would mislead.
 */
async function readPurchases(file: string): Promise<Purchase[]> {
  const source = await openCsv(file, { required: REQUIRED });
  const purchases: Purchase[] = [];
  const issues: { path: string; message: string }[] = [];
  const bad = (line: number, column: string, message: string) =>
    issues.push({ path: `line ${line}.${column}`, message });
  for await (const row of source.rows) {
    const customer = row.values.get('customer')?.trim() ?? '';
    const at = row.values.get('placed_at')?.trim() ?? '';
    const amountText = row.values.get('amount')?.trim() ?? '';
    const amount = Number(amountText);
    if (customer === '') bad(row.line, 'customer', 'required');
    if (normaliseTime(at) === undefined) {
      bad(row.line, 'placed_at', 'expected a date or an ISO-8601 time');
    }
    if (amountText === '' || !Number.isFinite(amount) || amount < 0) {
      bad(row.line, 'amount', 'expected a number, 0 or more');
    }
    purchases.push({ customer, at, amount });
  }
  if (issues.length > 0) {
    throw new GuanxiError('GX_ERR_VALIDATION', `${file} has ${issues.length} bad values`, {
      issues: issues.slice(0, REPORTED_ERRORS),
    });
  }
  return purchases;
}

/** The scoring plugin's models, from the project, which installs the plugin (not the server). */
async function scoringModels() {
  const options = { from: projectRoot(), hint: 'as guanxi clv runs its models' };
  const [analysis, models] = await Promise.all([
    importFromProject<typeof import('@guanxi/plugin-scoring/analysis')>(
      '@guanxi/plugin-scoring/analysis',
      options,
    ),
    importFromProject<typeof import('@guanxi/plugin-scoring/models')>(
      '@guanxi/plugin-scoring/models',
      options,
    ),
  ]);
  return { analyse: analysis.analyse, predict: analysis.predict, summarise: models.summarise };
}

interface FileAnalysis {
  readonly analysis: Analysis;
  readonly summaries: CustomerSummary[];
  readonly predict: typeof import('@guanxi/plugin-scoring/analysis').predict;
}

async function analyseFile(flags: FileFlags): Promise<FileAnalysis> {
  const { analyse, predict, summarise } = await scoringModels();
  const summaries = summarise(await readPurchases(flags.orders), {
    until: flags.until,
    unit: flags.unit,
  });
  return { analysis: analyse(summaries, flags.model), summaries, predict };
}

const fileOptions = (command: Command) =>
  command
    .requiredOption('--orders <file>', 'CSV with customer,placed_at,amount')
    .requiredOption('--until <date>', 'end of the calibration period, YYYY-MM-DD', calendarDay)
    .addOption(
      new Option('--model <model>', 'purchase model').choices(['bgnbd', 'pnbd']).default('bgnbd'),
    )
    .addOption(new Option('--unit <unit>', 'time unit').choices(['week', 'day']).default('week'))
    .option('--json', 'print JSON');

/** `guanxi clv fit|predict`: customer-base models over an orders file, no database needed. */
export function clvCommand(): Command {
  const command = new Command('clv').description(
    'fit BG/NBD or Pareto/NBD with Gamma-Gamma spend to an orders CSV, and forecast each customer',
  );
  fileOptions(command.command('fit'))
    .description('fit the model; same-day purchases count once, T runs to --until')
    .action(async (flags: FileFlags) => {
      const { analysis } = await analyseFile(flags);
      const fit = {
        model: analysis.model,
        params: analysis.params,
        logLikelihood: analysis.logLikelihood,
        customers: analysis.customers,
        repeatBuyers: analysis.repeatBuyers,
        spend: analysis.spend,
      };
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(fit)}\n`);
      } else {
        printJson(fit);
      }
    });
  fileOptions(command.command('predict'))
    .description('fit, then forecast each customer: a JSON object a line with --json, else TSV')
    .requiredOption('--horizon <n>', 'forecast horizon, in --unit', positiveInt)
    .option('--discount-rate <rate>', 'discount rate per --unit', share, 0)
    .option('--margin <share>', 'share of spend that is margin, for CLV', share, 1)
    .action(async (flags: PredictFlags) => {
      const { analysis, summaries, predict } = await analyseFile(flags);
      const predictions = summaries.map((summary) => predict(analysis, summary, flags));
      if (!flags.json && predictions[0] !== undefined) {
        process.stdout.write(`${Object.keys(predictions[0]).join('\t')}\n`);
      }
      for (const prediction of predictions) {
        const line = flags.json ? JSON.stringify(prediction) : Object.values(prediction).join('\t');
        process.stdout.write(`${line}\n`);
      }
    });
  return command;
}
