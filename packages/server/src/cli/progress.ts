import { Presets, SingleBar } from 'cli-progress';
import type { ImportProgress } from '../import/import-run';

export interface ProgressReporter {
  update(progress: ImportProgress): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 5_000;

/** A progress bar on a terminal; elsewhere (CI, a log file) a plain line every few seconds. */
export function progressReporter(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressReporter {
  return stream.isTTY ? barReporter(label, stream) : plainReporter(label, stream);
}

function barReporter(label: string, stream: NodeJS.WriteStream): ProgressReporter {
  const bar = new SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {rows} rows | ETA {eta_formatted}`,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update({ bytes, totalBytes, rows }) {
      if (!started) bar.start(Math.max(totalBytes, 1), 0, { rows: 0 });
      started = true;
      bar.update(bytes, { rows });
    },
    stop: () => bar.stop(),
  };
}

function plainReporter(label: string, stream: NodeJS.WriteStream): ProgressReporter {
  let last = Date.now();
  return {
    update({ bytes, totalBytes, rows }) {
      if (Date.now() - last < PLAIN_EVERY_MS) return;
      last = Date.now();
      const percent = totalBytes === 0 ? 100 : Math.floor((bytes / totalBytes) * 100);
      stream.write(`${label}: ${rows} rows read (${percent}%)\n`);
    },
    stop: () => {},
  };
}
