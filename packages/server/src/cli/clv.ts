import { GuanxiError, isCalendarDay, normaliseTime } from '@guanxi/core';
import type { LogOptions } from '@guanxi/plugin-scoring/analysis';
import type { Purchase } from '@guanxi/plugin-scoring/models';
import { Command, InvalidArgumentError, Option } from 'commander';
import { openCsv } from '../import/csv-source';
import { importFromProject } from '../project-import';
import { positiveInt, timeZone } from './cli-options';
import { printJson } from './print';
import { projectRoot } from './project';

const REQUIRED = ['customer', 'placed_at', 'amount'] as const;
const REPORTED_ERRORS = 20;

interface FileFlags {
  readonly orders: string;
  readonly until: string;
  readonly model: LogOptions['model'];
  readonly unit: 'week' | 'day';
  readonly timeZone: string;
  readonly json?: boolean;
}

interface BacktestFlags extends FileFlags {
  readonly holdoutEnd?: string;
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

/** The scoring plugin's analysis, from the project, which installs the plugin (not the server). */
const scoringAnalysis = () =>
  importFromProject<typeof import('@guanxi/plugin-scoring/analysis')>(
    '@guanxi/plugin-scoring/analysis',
    { from: projectRoot(), hint: 'as guanxi clv runs its models' },
  );

const CHOSEN_BY = {
  holdout: 'the lowest holdout error',
  likelihood: 'the highest likelihood (the history is too short to hold any out)',
} as const;

async function analyseFile(flags: FileFlags) {
  const { analyseLog, predict } = await scoringAnalysis();
  const result = analyseLog(await readPurchases(flags.orders), flags);
  const { model, selection } = result.choice;
  if (selection !== 'named')
    process.stderr.write(`model ${model}, chosen by ${CHOSEN_BY[selection]}\n`);
  return { ...result, predict };
}

/** One JSON line with --json, else indented JSON. */
function print(value: unknown, flags: FileFlags): void {
  if (flags.json) process.stdout.write(`${JSON.stringify(value)}\n`);
  else printJson(value);
}

/**
 * The choices of --model: commander needs them before the scoring plugin is imported, and the
 * type keeps the list whole, one entry per model the plugin has.
 */
const MODELS: { readonly [M in LogOptions['model']]: M } = {
  auto: 'auto',
  bgnbd: 'bgnbd',
  mbgnbd: 'mbgnbd',
  pnbd: 'pnbd',
};

const MODEL_HELP =
  'purchase model; auto backtests each on the later half of the history and keeps the lowest error';

const fileOptions = (command: Command, model: 'bgnbd' | 'auto') =>
  command
    .requiredOption('--orders <file>', 'CSV with customer,placed_at,amount')
    .requiredOption('--until <date>', 'end of the calibration period, YYYY-MM-DD', calendarDay)
    .addOption(
      new Option('--model <model>', MODEL_HELP).choices(Object.values(MODELS)).default(model),
    )
    .addOption(new Option('--unit <unit>', 'time unit').choices(['week', 'day']).default('week'))
    .option(
      '--time-zone <zone>',
      'IANA zone of the purchase days and of times without an offset',
      timeZone,
      'UTC',
    )
    .option('--json', 'print JSON');

/** `guanxi clv fit|predict|backtest`: customer-base models over an orders file, no database needed. */
export function clvCommand(): Command {
  const command = new Command('clv').description(
    'fit BG/NBD, MBG/NBD or Pareto/NBD with Gamma-Gamma spend to an orders CSV, forecast each customer, backtest',
  );
  fileOptions(command.command('fit'), 'bgnbd')
    .description('fit the model; same-day purchases count once, T runs to --until')
    .action(async (flags: FileFlags) => {
      const { analysis, choice } = await analyseFile(flags);
      const fit = {
        model: analysis.model,
        selection: choice.selection,
        params: analysis.params,
        logLikelihood: analysis.logLikelihood,
        customers: analysis.customers,
        repeatBuyers: analysis.repeatBuyers,
        spend: analysis.spend,
        backtest: choice.backtest,
      };
      print(fit, flags);
    });
  fileOptions(command.command('predict'), 'bgnbd')
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
  fileOptions(command.command('backtest'), 'auto')
    .description(
      'fit up to --until and compare with the holdout up to --holdout-end (default: the last purchase): per week, by calibration frequency, per customer, AUCs',
    )
    .option('--holdout-end <date>', 'last day of the holdout, YYYY-MM-DD', calendarDay)
    .action(async (flags: BacktestFlags) => {
      const { backtestLog } = await scoringAnalysis();
      const backtest = backtestLog(await readPurchases(flags.orders), flags);
      print(backtest, flags);
    });
  return command;
}
