import type { MigrationContext } from './migrations.js';
import { SCOPED_INDEXES_SQL, scopedTablesSql, type ColumnTypes } from './scoped-schema.js';
import { BACKGROUND_TABLES, CONVERSATION_TABLES, SCOPED_TABLES } from './tables.js';

/**
 * How a dialect reads the first schema's TEXT columns as the scoped schema's types, and computes a
 * scope id from a (tenant_id, external_id) pair (`agent_mem_scope_id`, the SQL twin of scopeIdOf).
 */
export interface LegacyCasts {
  types: ColumnTypes;
  timestamp(column: string): string;
  json(column: string): string;
  list(column: string): string;
}

const next = (table: string) => `next_${table}`;
const scope = 'agent_mem_scope_id(tenant_id, external_id)';

/** Tables of the first schema, children first; the scoped tables (but the search index) replace them. */
const LEGACY_TABLES = [
  'active_memory_sections',
  'shortterm_chunks',
  'shortterm_entities',
  'shortterm_relationships',
  'shortterm_memories',
  'active_memories',
  'longterm_chunks',
  'longterm_entities',
  'longterm_relationships',
  'episodes',
  'facts',
  'consolidation_runs',
];
/** Tables later versions make (conversations, background work), after this conversion. */
const later: ReadonlyArray<string> = [...CONVERSATION_TABLES, ...BACKGROUND_TABLES];
const NEW_TABLES = SCOPED_TABLES.filter((table) => table !== 'search_entries' && !later.includes(table));

function copySql(c: LegacyCasts): string[] {
  const ts = c.timestamp;
  const entity = (tier: string, table: string, shortterm: string) =>
    `SELECT ${scope}, id, '${tier}', ${shortterm}, name, ${c.list('types')}, description, confidence, ${c.json('metadata')}, ${ts('created_at')}, ${ts('updated_at')} FROM ${table}`;
  const relationship = (tier: string, table: string, shortterm: string, validity: string) =>
    `SELECT ${scope}, id, '${tier}', ${shortterm}, source_name, target_name, type, description, confidence, strength, ${c.json('metadata')}, ${validity}, ${ts('created_at')}, ${ts('updated_at')} FROM ${table}`;
  return [
    `INSERT INTO ${next('scopes')} (scope_id, tenant_id, external_id, created_at)
     SELECT ${scope}, tenant_id, external_id, ${ts('MIN(created_at)')} FROM (
       SELECT tenant_id, external_id, created_at FROM active_memories
       UNION ALL SELECT tenant_id, external_id, created_at FROM episodes
       UNION ALL SELECT tenant_id, external_id, created_at FROM facts
       UNION ALL SELECT tenant_id, external_id, created_at FROM longterm_chunks
       UNION ALL SELECT tenant_id, external_id, started_at FROM consolidation_runs
     ) owners GROUP BY tenant_id, external_id`,
    `INSERT INTO ${next('active_memories')} SELECT ${scope}, id, title, ${c.json('template')}, ${c.json('metadata')}, ${ts('created_at')}, ${ts('updated_at')} FROM active_memories`,
    `INSERT INTO ${next('active_memory_sections')} SELECT ${scope}, memory_id, section_id, position, content, update_count, ${ts('updated_at')} FROM active_memory_sections`,
    `INSERT INTO ${next('shortterm_memories')} SELECT ${scope}, id, active_memory_id, update_count, ${c.json('metadata')}, ${ts('created_at')}, ${ts('updated_at')} FROM shortterm_memories`,
    `INSERT INTO ${next('shortterm_chunks')} SELECT ${scope}, id, shortterm_id, section_id, content, ${c.json('metadata')}, ${ts('created_at')}, ${ts('updated_at')} FROM shortterm_chunks`,
    `INSERT INTO ${next('longterm_chunks')} SELECT ${scope}, id, active_memory_id, section_id, content, confidence, importance, ${ts('start_date')}, ${ts('end_date')}, ${ts('last_updated')},
       source_shortterm_id, ${c.json('metadata')}, ${ts('created_at')} FROM longterm_chunks`,
    `INSERT INTO ${next('graph_entities')} ${entity('shortterm', 'shortterm_entities', 'shortterm_id')} UNION ALL ${entity('longterm', 'longterm_entities', 'NULL')}`,
    `INSERT INTO ${next('graph_relationships')} ${relationship('shortterm', 'shortterm_relationships', 'shortterm_id', 'NULL, NULL')}
     UNION ALL ${relationship('longterm', 'longterm_relationships', 'NULL', `${ts('start_date')}, ${ts('end_date')}`)}`,
    `INSERT INTO ${next('episodes')} SELECT ${scope}, id, type, text, importance, confidence, emotional_valence, ${c.list('tags')}, ${c.json('metadata')}, ${ts('occurred_at')},
       ${ts('created_at')}, access_count, ${ts('last_accessed_at')}, status, ${ts('consolidated_at')}, size_bytes FROM episodes`,
    `INSERT INTO ${next('facts')} SELECT ${scope}, id, key, category, subject, predicate, value, confidence, ${c.list('evidence_ids')}, ${c.json('metadata')}, ${ts('valid_from')},
       ${ts('valid_to')}, ${ts('created_at')} FROM facts`,
    `INSERT INTO ${next('runs')} SELECT ${scope}, id, kind, memory_id, trigger_source, status, ${c.json('counts')}, ${c.json('report')}, error, ${ts('started_at')}, ${ts('finished_at')}
       FROM consolidation_runs`,
  ];
}

/**
 * Converts the first schema (tenant_id/external_id text columns, TEXT timestamps and JSON) into the
 * scoped schema in place, with its rows: the new tables are built beside the old ones, filled,
 * the old ones dropped and the new ones renamed. The search index is converted by the adapter.
 */
export async function convertLegacyTables(context: MigrationContext, casts: LegacyCasts): Promise<void> {
  await context.exec(scopedTablesSql(casts.types, next));
  for (const statement of copySql(casts)) await context.exec(statement);
  for (const table of LEGACY_TABLES) await context.exec(`DROP TABLE ${table}`);
  for (const table of NEW_TABLES) await context.exec(`ALTER TABLE ${next(table)} RENAME TO ${table}`);
  await context.exec(SCOPED_INDEXES_SQL);
}
