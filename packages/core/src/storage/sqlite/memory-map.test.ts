import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { MEMORY_MAP_BYTES, MemoryMapSwitch } from './memory-map';

/** Two connections on one file stand for two server processes of a pool. */
describe('MemoryMapSwitch', () => {
  let dir: string;
  let db: BetterSqlite3.Database;
  let other: BetterSqlite3.Database;
  let memoryMap: MemoryMapSwitch;

  const connect = () => {
    const connection = new BetterSqlite3(join(dir, 'crm.db'));
    connection.pragma('journal_mode = WAL');
    connection.pragma(`mmap_size = ${MEMORY_MAP_BYTES}`);
    return connection;
  };
  const mapSize = () => Number(db.pragma('mmap_size', { simple: true }));
  /** A second of looks; `commitsEvery` looks, the other connection commits before one. */
  const aSecond = (commitsEvery: number, writer = other) => {
    for (let look = 1; look <= 100; look += 1) {
      if (look % commitsEvery === 0) writer.exec("insert into notes values ('note')");
      memoryMap.look();
    }
  };

  beforeEach(() => {
    vi.useFakeTimers();
    dir = mkdtempSync(join(tmpdir(), 'guanxi-mmap-'));
    db = connect();
    db.exec('create table notes (body text)');
    other = connect();
    memoryMap = new MemoryMapSwitch(db);
  });
  afterEach(() => {
    memoryMap.stop();
    db.close();
    other.close();
    rmSync(dir, { recursive: true, force: true });
    vi.useRealTimers();
  });

  test('drops the map while another connection commits often, and maps again once it stops', () => {
    expect(mapSize()).toBe(MEMORY_MAP_BYTES);
    aSecond(1);
    expect(memoryMap.mapped).toBe(false);
    expect(mapSize()).toBe(0);
    aSecond(Number.POSITIVE_INFINITY);
    expect(memoryMap.mapped).toBe(true);
    expect(mapSize()).toBe(MEMORY_MAP_BYTES);
  });

  test('keeps either state between the two thresholds', () => {
    aSecond(3);
    expect(memoryMap.mapped).toBe(true);
    aSecond(2);
    expect(memoryMap.mapped).toBe(false);
    aSecond(3);
    expect(memoryMap.mapped).toBe(false);
    aSecond(20);
    expect(memoryMap.mapped).toBe(true);
  });

  test('counts only other connections’ commits', () => {
    aSecond(1, db);
    expect(memoryMap.mapped).toBe(true);
  });

  test('looks on its own every 10 ms', () => {
    for (let look = 0; look < 100; look += 1) {
      other.exec("insert into notes values ('note')");
      vi.advanceTimersByTime(10);
    }
    expect(memoryMap.mapped).toBe(false);
  });

  test('skips its looks while the connection reads rows one at a time', () => {
    other.exec("insert into notes values ('note')");
    const rows = db.prepare('select body from notes').iterate();
    rows.next();
    expect(() => aSecond(1)).not.toThrow();
    expect(memoryMap.mapped).toBe(true);
    rows.return?.();
    aSecond(1);
    expect(memoryMap.mapped).toBe(false);
  });

  test('resizes the map only between transactions', () => {
    for (let look = 1; look < 100; look += 1) {
      other.exec("insert into notes values ('note')");
      memoryMap.look();
    }
    db.exec('begin');
    db.prepare('select count(*) from notes').get();
    memoryMap.look();
    expect(memoryMap.mapped).toBe(true);
    expect(mapSize()).toBe(MEMORY_MAP_BYTES);
    db.exec('commit');
    aSecond(1);
    expect(memoryMap.mapped).toBe(false);
  });
});
