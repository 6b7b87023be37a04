import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Counter, Gauge, register as globalRegistry, type Registry } from 'prom-client';
import type { Logger } from '../logger.js';
import type { StoreEntryInput } from './memory-backend.js';

/** A write a backend missed, replayed in order once it is healthy. */
export type PendingWrite = { kind: 'store'; entry: StoreEntryInput } | { kind: 'delete'; userId: string; key: string };

export interface ReplayQueueOptions {
  /** The SQLite file that keeps the writes (created when missing); `:memory:` keeps them in the process only. */
  file: string;
  /** Writes kept per backend; past it the oldest are dropped, with a warning and a metric. */
  maxEntries: number;
  logger?: Logger;
  /** Where the queue's metrics go (default prom-client's global registry). */
  registry?: Registry;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS replay_queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  backend TEXT NOT NULL,
  op TEXT NOT NULL,
  queued_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS replay_queue_backend ON replay_queue (backend, id);
`;

function metricsIn(registry: Registry) {
  const dropped = (registry.getSingleMetric('agent_mem_replay_dropped_writes_total') as Counter<'backend'> | undefined) ??
    new Counter({ name: 'agent_mem_replay_dropped_writes_total', help: 'Writes dropped from a full replay queue (oldest first), by backend', labelNames: ['backend'], registers: [registry] });
  const length = (registry.getSingleMetric('agent_mem_replay_queue_length') as Gauge<'backend'> | undefined) ??
    new Gauge({ name: 'agent_mem_replay_queue_length', help: 'Writes waiting to be replayed, by backend', labelNames: ['backend'], registers: [registry] });
  return { dropped, length };
}

/**
 * The writes each backend of a UnifiedMemoryBackend missed, in a small SQLite file so they outlive
 * the process (each change is one statement, committed at once), oldest first, bounded per backend.
 */
export class ReplayQueue {
  private readonly db: Database.Database;
  private readonly metrics: ReturnType<typeof metricsIn>;

  constructor(private readonly options: ReplayQueueOptions) {
    if (options.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
    this.metrics = metricsIn(options.registry ?? globalRegistry);
  }

  /** Queues a write; drops the backend's oldest ones past the bound. Returns its id. */
  push(backend: string, op: PendingWrite): number {
    const { lastInsertRowid } = this.db.prepare('INSERT INTO replay_queue (backend, op, queued_at) VALUES (?, ?, ?)').run(backend, JSON.stringify(op), new Date().toISOString());
    const excess = this.size(backend) - this.options.maxEntries;
    if (excess > 0) {
      this.db.prepare('DELETE FROM replay_queue WHERE id IN (SELECT id FROM replay_queue WHERE backend = ? ORDER BY id LIMIT ?)').run(backend, excess);
      this.metrics.dropped.inc({ backend }, excess);
      this.options.logger?.warn({ backend, dropped: excess, maxEntries: this.options.maxEntries }, 'replay queue full: dropped the oldest writes; that backend will miss them');
    }
    this.report(backend);
    return Number(lastInsertRowid);
  }

  /** The backend's oldest queued write. */
  peek(backend: string): { id: number; op: PendingWrite } | undefined {
    const row = this.db.prepare('SELECT id, op FROM replay_queue WHERE backend = ? ORDER BY id LIMIT 1').get(backend) as { id: number; op: string } | undefined;
    return row && { id: row.id, op: JSON.parse(row.op) as PendingWrite };
  }

  remove(backend: string, ids: readonly number[]): void {
    const remove = this.db.prepare('DELETE FROM replay_queue WHERE backend = ? AND id = ?');
    this.db.transaction(() => ids.forEach((id) => remove.run(backend, id)))();
    this.report(backend);
  }

  size(backend: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM replay_queue WHERE backend = ?').get(backend) as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }

  private report(backend: string): void {
    this.metrics.length.set({ backend }, this.size(backend));
  }
}
