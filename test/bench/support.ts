import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** Helpers shared by the benchmark scripts. */

export function sizeFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const size = Number(raw);
  if (!Number.isInteger(size) || size <= 0) throw new Error(`${name} must be a positive integer`);
  return size;
}

export function log(message: string): void {
  process.stderr.write(`[${(performance.now() / 1000).toFixed(1)}s] ${message}\n`);
}

export function perSecond(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

/** How fast `ms` is relative to `baselineMs` for the same work: 1 is as fast. */
export function speedRatio(ms: number, baselineMs: number): number {
  return Math.round((baselineMs / ms) * 1000) / 1000;
}

/** mulberry32: a small seeded PRNG, so every run sees the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Starts a bench server script and resolves once it says it is ready. */
export function startServer(script: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, script), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}
