import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log, sizeFromEnv } from './support';

/**
 * `pnpm bench fuzz`: the fuzz tests of test/server (every route of the API and of the bundled
 * plugins: path, query, body and caller) at 10,000 cases per route on SQLite; GUANXI_FUZZ_RUNS
 * changes the count. Vitest's report goes to stderr; the last line is the result as JSON.
 */

const RUNS = sizeFromEnv('GUANXI_FUZZ_RUNS', 10_000);
const FILES = ['test/server/fuzz.test.ts', 'test/server/fuzz-plugins.test.ts'];

interface Report {
  readonly numFailedTests: number;
  readonly testResults: readonly { readonly assertionResults: readonly { title: string }[] }[];
}

const dir = mkdtempSync(join(tmpdir(), 'guanxi-fuzz-'));
const output = join(dir, 'report.json');
const { GUANXI_TEST_DATABASE_URL: _, ...env } = process.env;
log(`fuzzing every route with ${RUNS} cases on SQLite`);
const started = performance.now();
const run = spawnSync(
  'pnpm',
  [
    'exec',
    'vitest',
    'run',
    '--project',
    'server-integration',
    ...FILES,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${output}`,
  ],
  {
    cwd: join(import.meta.dirname, '../..'),
    stdio: ['ignore', 2, 2],
    env: { ...env, GUANXI_FUZZ_RUNS: String(RUNS), GUANXI_TEST_SQLITE_ONLY: '1' },
  },
);
const seconds = Math.round((performance.now() - started) / 1000);
const report = JSON.parse(readFileSync(output, 'utf8')) as Report;
rmSync(dir, { recursive: true, force: true });
const routes = report.testResults
  .flatMap((file) => file.assertionResults)
  .filter((test) => test.title.includes('no 5xx')).length;
console.log(
  JSON.stringify({
    bench: 'fuzz',
    dialect: 'sqlite',
    routes,
    cases_per_route: RUNS,
    cases: routes * RUNS,
    failures: report.numFailedTests,
    seconds,
  }),
);
process.exitCode = run.status ?? 1;
