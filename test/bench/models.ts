import { performance } from 'node:perf_hooks';
import { analyseLog } from '@guanxi/plugin-scoring/analysis';
import { fitModel, MODEL_NAMES, type ModelName, summarise } from '@guanxi/plugin-scoring/models';
import { readCdnowMaster } from '../support/cdnow';
import { log, sizeFromEnv } from './support';

/**
 * `pnpm bench models`: fits BG/NBD, MBG/NBD and Pareto/NBD to the whole CDNOW purchase log
 * (23,570 customers, 69,659 purchases, 1 January 1997 to 30 June 1998), each timed as
 * summarise + fit, BENCH_RUNS times (default 5) after one untimed run; then the automatic
 * choice over the same log: three fits and backtests on its later half, and the refit.
 */

const RUNS = sizeFromEnv('BENCH_RUNS', 5);
const FIT_TARGET_MS = 1_000;
const LAST_DAY = '1998-06-30';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
}

const master = readCdnowMaster();
const figures: Record<string, number | string> = {
  bench: 'models',
  purchases: master.length,
  runs: RUNS,
};

for (const model of MODEL_NAMES as readonly ModelName[]) {
  const fitLog = () => fitModel(model, summarise(master, { until: LAST_DAY, unit: 'week' }));
  const [fit] = timed(fitLog);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) times.push(timed(fitLog)[1]);
  const [summaries, summariseMs] = timed(() =>
    summarise(master, { until: LAST_DAY, unit: 'week' }),
  );
  const [, fitOnlyMs] = timed(() => fitModel(model, summaries));
  const mid = median(times);
  const max = Math.max(...times);
  log(
    `${model}: summarise + fit ${Math.round(mid)} ms median, ${Math.round(max)} ms max ` +
      `(summarise ${Math.round(summariseMs)} ms, fit ${Math.round(fitOnlyMs)} ms; ` +
      `${fit.iterations} iterations, LL ${fit.logLikelihood.toFixed(1)}, ` +
      `${JSON.stringify(fit.params)})`,
  );
  log(
    `${model}: target ≤ ${FIT_TARGET_MS} ms each: ${max <= FIT_TARGET_MS ? 'met' : 'MISSED'} (slowest run)`,
  );
  figures[`${model}_fit_ms`] = Math.round(mid);
  figures[`${model}_fit_max_ms`] = Math.round(max);
}

const [auto, autoMs] = timed(() =>
  analyseLog(master, { until: LAST_DAY, unit: 'week', model: 'auto' }),
);
const backtest = auto.choice.backtest;
log(
  `auto: ${auto.choice.model} by ${auto.choice.selection} in ${Math.round(autoMs)} ms` +
    (backtest === null
      ? ''
      : ` (holdout ${backtest.until} to ${backtest.holdoutEnd}; mean absolute error ` +
        backtest.models.map((m) => `${m.model} ${m.meanAbsoluteError.toFixed(4)}`).join(', ') +
        ')'),
);
figures.auto_ms = Math.round(autoMs);
figures.auto_model = auto.choice.model;
process.stdout.write(`${JSON.stringify(figures)}\n`);
