import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { GuanxiError, isPostgresUrl, openDatabase } from '@guanxi/core';
import { Command } from 'commander';
import { sql } from 'kysely';
import { project } from './project';

export interface BackupReport {
  readonly source: string;
  readonly file: string;
  readonly bytes: number;
  readonly customers: number;
  readonly orders: number;
}

/**
 * Copies a SQLite database, live, to a new file with VACUUM INTO: one read transaction,
 * so the copy is a single consistent moment however much the server writes meanwhile, and
 * compact. The copy is opened and checked (integrity_check) before this returns.
 */
export async function backupSqlite(url: string, file: string): Promise<BackupReport> {
  if (isPostgresUrl(url)) {
    throw new GuanxiError(
      'GX_ERR_VALIDATION',
      'DATABASE_URL is PostgreSQL: back it up with pg_dump --format=custom --file=FILE "$DATABASE_URL" (see docs/operations.md)',
      { issues: [{ path: 'DATABASE_URL', message: 'guanxi backup copies SQLite databases' }] },
    );
  }
  if (!existsSync(url)) {
    throw new GuanxiError('GX_ERR_VALIDATION', `No SQLite database at ${url}`, {
      issues: [{ path: 'DATABASE_URL', message: 'no such file' }],
    });
  }
  if (existsSync(file)) {
    throw new GuanxiError('GX_ERR_VALIDATION', `${file} exists; back up to a new file`, {
      issues: [{ path: 'file', message: 'already exists' }],
    });
  }
  mkdirSync(dirname(file), { recursive: true });
  const source = openDatabase({ url });
  try {
    await sql`vacuum into ${file}`.execute(source.db);
  } finally {
    await source.destroy();
  }
  const copy = openDatabase({ url: file });
  try {
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
      copy.db,
    );
    const problems = rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    if (problems.length > 0) {
      throw new GuanxiError('GX_ERR_VALIDATION', `The copy ${file} is damaged: ${problems[0]}`, {
        issues: problems.map((message) => ({ path: 'file', message })),
      });
    }
    const count = async (table: 'customers' | 'orders') =>
      Number(
        (
          await copy.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      source: url,
      file,
      bytes: statSync(file).size,
      customers: await count('customers'),
      orders: await count('orders'),
    };
  } finally {
    await copy.destroy();
  }
}

export function backupCommand(): Command {
  return new Command('backup')
    .description(
      'copy the SQLite database at DATABASE_URL to a new file while the server runs; ' +
        'for PostgreSQL use pg_dump (docs/operations.md)',
    )
    .argument('<file>', 'where the copy goes; must not exist yet')
    .action(async (file: string) => {
      const report = await backupSqlite((await project()).server.databaseUrl, file);
      const megabytes = (report.bytes / 1024 / 1024).toFixed(1);
      process.stdout.write(
        `backed up ${report.source} to ${report.file}: ${report.customers} customers, ` +
          `${report.orders} orders, ${megabytes} MB; integrity ok\n`,
      );
    });
}
