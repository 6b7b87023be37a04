import type { ColumnTypes } from './scoped-schema.js';

/**
 * The tables of background work, keyed by `scope_id` first like every scoped table: sleep
 * triggers, requested sleep cycles, and memories waiting for consolidation. A pending
 * consolidation is deleted with its memory by the active-memory repository (no foreign key, so a
 * Citus database that upgrades can create the table before distributing it).
 */
export function backgroundTablesSql(t: ColumnTypes): string {
  return `
CREATE TABLE sleep_triggers (
  scope_id ${t.uuid} NOT NULL PRIMARY KEY,
  triggers ${t.json} NOT NULL,
  cycle ${t.json} NOT NULL,
  registered_at ${t.timestamp} NOT NULL,
  updated_at ${t.timestamp} NOT NULL
);

CREATE TABLE sleep_requests (
  scope_id ${t.uuid} NOT NULL,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  trigger_source TEXT NOT NULL,
  priority ${t.float} NOT NULL,
  requested_at ${t.timestamp} NOT NULL,
  run_id TEXT,
  PRIMARY KEY (scope_id, id)
);

CREATE TABLE pending_consolidations (
  scope_id ${t.uuid} NOT NULL,
  memory_id TEXT NOT NULL,
  requests ${t.integer} NOT NULL,
  requested_at ${t.timestamp} NOT NULL,
  PRIMARY KEY (scope_id, memory_id)
);
`;
}

/** Their indexes, one statement each; `runs_running` finds the runs whose holder may have died. */
export const BACKGROUND_INDEXES = [
  'CREATE UNIQUE INDEX sleep_requests_queued ON sleep_requests (scope_id) WHERE run_id IS NULL',
  'CREATE INDEX sleep_requests_run ON sleep_requests (scope_id, run_id)',
  'CREATE INDEX pending_consolidations_requested ON pending_consolidations (requested_at)',
  "CREATE INDEX runs_running ON runs (scope_id, kind) WHERE status = 'running'",
];

/** Creates the tables and their indexes (the migration and a fresh store's latest schema). */
export async function createBackgroundTables(exec: (script: string) => Promise<void>, t: ColumnTypes): Promise<void> {
  await exec(backgroundTablesSql(t));
  for (const statement of BACKGROUND_INDEXES) await exec(statement);
}
