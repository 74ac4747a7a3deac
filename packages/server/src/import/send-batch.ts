import { type FieldIssue, isGuanxiError } from '@guanxi/core';
import type { RejectReport } from './reject-report';

export interface BatchItem {
  readonly line: number;
}

export interface SentBatch<T, R> {
  /** What `send` returned for the items it accepted; undefined if none was left. */
  readonly result: R | undefined;
  readonly sent: readonly T[];
  readonly rejected: readonly T[];
}

export interface SendBatchOptions<T, R> {
  /** The name the core gives the batch in issue paths: `customers.3.name`. */
  readonly name: 'customers' | 'orders';
  /** The CSV column an input field comes from (`placedAt` → `placed_at`). */
  readonly columnOf: (field: string) => string;
  readonly rejects: RejectReport;
  readonly send: (items: readonly T[]) => Promise<R>;
}

/**
 * Sends a batch through the core; when the core refuses some items by index (a taken
 * e-mail, say), reports those and sends the rest again, so one bad row never sinks the
 * others. Any other error is thrown.
 */
export async function sendBatch<T extends BatchItem, R>(
  items: readonly T[],
  options: SendBatchOptions<T, R>,
): Promise<SentBatch<T, R>> {
  const rejected: T[] = [];
  let pending = items;
  while (pending.length > 0) {
    try {
      return { result: await options.send(pending), sent: pending, rejected };
    } catch (error) {
      const blamed = blame(error, options.name, pending);
      if (blamed.size === 0) throw error;
      for (const [index, issues] of blamed) {
        const item = pending[index] as T;
        for (const issue of issues) {
          options.rejects.add(
            item.line,
            options.columnOf(issue.field),
            lineNames(issue.message, pending),
          );
        }
        rejected.push(item);
      }
      pending = pending.filter((_, index) => !blamed.has(index));
    }
  }
  return { result: undefined, sent: [], rejected };
}

interface ItemIssue {
  readonly field: string;
  readonly message: string;
}

/** The core's field issues by the batch index they name; a batch of one names no index. */
function blame(
  error: unknown,
  name: string,
  items: readonly BatchItem[],
): Map<number, ItemIssue[]> {
  const blamed = new Map<number, ItemIssue[]>();
  if (!isGuanxiError(error)) return blamed;
  if (error.code !== 'GX_ERR_VALIDATION' && error.code !== 'GX_ERR_CONFLICT') return blamed;
  for (const issue of error.issues) {
    const located = locate(issue, name, items.length);
    if (located === undefined) return new Map();
    blamed.set(located.index, [...(blamed.get(located.index) ?? []), located]);
  }
  return blamed;
}

function locate(issue: FieldIssue, name: string, size: number) {
  const match = new RegExp(`^${name}\\.(\\d+)\\.(.+)$`).exec(issue.path);
  if (match !== null && Number(match[1]) < size) {
    return { index: Number(match[1]), field: match[2] as string, message: issue.message };
  }
  return size === 1 ? { index: 0, field: issue.path, message: issue.message } : undefined;
}

/** `repeats customers.4.emails.0` → `repeats line 17`: the reader knows lines, not indexes. */
function lineNames(message: string, items: readonly BatchItem[]): string {
  return message.replace(/\b(?:customers|orders)\.(\d+)(?:\.[\w.]+)?/g, (text, index: string) => {
    const item = items[Number(index)];
    return item === undefined ? text : `line ${item.line}`;
  });
}
