import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { ActiveMemories } from '../src/active/active-memories.js';
import { LocalEmbedder } from '../src/ai/local-embedder.js';
import { resolveConfig } from '../src/config.js';
import { ConsolidationEngine } from '../src/consolidation/consolidation-engine.js';
import { Episodes } from '../src/episodes/episodes.js';
import { createLogger } from '../src/logger.js';
import { Retrieval } from '../src/retrieval/retrieval.js';
import { standaloneEngineDeps, type EngineDeps } from '../src/runtime/engine-deps.js';
import { openPostgresStore } from '../src/store/postgres/open.js';
import type { Store } from '../src/store/port.js';
import { SCOPED_TABLES } from '../src/store/sql/tables.js';
import { createCitusTestDatabase } from './support/citus.js';

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

/** Statements on the distributed tables (not the coordinator's own tables, not transaction control or DDL). */
const onShards = (sql: string) => SCOPED_TABLES.some((table) => new RegExp(`"${table}"|\\b${table}\\b`).test(sql)) && !/^\s*(begin|commit|rollback|set|create|drop|alter)\b/i.test(sql);

describe('Citus: every call about one scope runs on one shard', () => {
  let url: string;
  let store: Store;
  let client: pg.Client;
  let captured: Captured[] = [];
  let engines: { active: ActiveMemories; consolidation: ConsolidationEngine; episodes: Episodes; retrieval: Retrieval };

  before(async () => {
    url = await createCitusTestDatabase();
    store = await openPostgresStore(url, { exactScanMax: 0, onQuery: (query) => captured.push({ sql: query.sql, parameters: query.parameters }) });
    const deps: EngineDeps = standaloneEngineDeps({
      store,
      embedder: new LocalEmbedder(),
      llm: undefined,
      config: resolveConfig({ avgSectionUpdateCountForConsolidation: 100 }, {}),
      logger: createLogger(),
      tenantId: 'acme',
      now: () => new Date(),
    });
    engines = { active: new ActiveMemories(deps), consolidation: new ConsolidationEngine(deps), episodes: new Episodes(deps), retrieval: new Retrieval(deps) };
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });
  after(async () => {
    await client.end();
    await store.close();
  });

  /** Runs `call`, then EXPLAINs every statement it sent to the distributed tables. */
  async function plansOf(call: () => Promise<unknown>): Promise<Array<{ sql: string; plan: string }>> {
    captured = [];
    await call();
    const statements = captured.filter((q) => onShards(q.sql));
    assert.ok(statements.length > 0, 'the call reached the distributed tables');
    const plans = [];
    for (const statement of statements) {
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${statement.sql}`, statement.parameters as unknown[]);
      plans.push({ sql: statement.sql, plan: rows.map((r) => r['QUERY PLAN']).join('\n') });
    }
    return plans;
  }

  function assertOneShard(plans: Array<{ sql: string; plan: string }>): void {
    for (const { sql, plan } of plans) assert.match(plan, /Task Count: 1\b/, `not routed to one shard:\n${sql}\n${plan}`);
  }

  it('distributes every scoped table by scope_id, colocated, with store_meta a reference table', async () => {
    assert.equal(store.kind, 'citus');
    assert.equal((await store.status()).kind, 'citus');
    const { rows } = await client.query<{ name: string; method: string; column: string | null; colocation: number }>(
      `SELECT logicalrelid::regclass::text AS name, partmethod AS method, column_to_column_name(logicalrelid, partkey) AS column, colocationid AS colocation FROM pg_dist_partition`,
    );
    const byName = new Map(rows.map((r) => [r.name, r]));
    for (const table of SCOPED_TABLES) assert.deepEqual([byName.get(table)?.method, byName.get(table)?.column], ['h', 'scope_id'], table);
    assert.equal(new Set(SCOPED_TABLES.map((t) => byName.get(t)!.colocation)).size, 1, 'one colocation group');
    assert.equal(byName.get('store_meta')?.method, 'n', 'store_meta is a reference table');
    assert.equal(byName.has('locks'), false, 'lease locks stay on the coordinator');
  });

  it('adds an episode on one shard', async () => {
    assertOneShard(await plansOf(() => engines.episodes.add({ externalId: 'agent-1', text: 'Booked a ryokan in Kyoto for April', tags: ['travel'] })));
  });

  it('searches by full text and by vectors (HNSW) on one shard, filters included', async () => {
    await engines.episodes.addMany({ externalId: 'agent-1', episodes: [{ text: 'Flew to Osaka in May' }, { text: 'Prefers window seats', metadata: { source: 'chat' } }] });
    const plans = await plansOf(() => engines.retrieval.retrieve({ externalId: 'agent-1', query: 'Where did I travel in Japan?', metadata: { source: 'chat' }, tags: ['travel'] }));
    assert.ok(plans.some((p) => /tsv/.test(p.sql)) && plans.some((p) => /<=>/.test(p.sql)), 'both candidate queries were sent');
    assertOneShard(plans);
  });

  it('updates sections and reads what a consolidation reads on one shard', async () => {
    const memory = await engines.active.create({ externalId: 'agent-2', title: 'Trip', template: { sections: [{ id: 'plan' }, { id: 'notes' }] } });
    assertOneShard(await plansOf(() => engines.active.updateSections({ externalId: 'agent-2', memoryId: memory.id, sections: [{ sectionId: 'plan', newContent: 'Alice flies to Kyoto with Bob' }] })));
    const consolidation = await plansOf(() => engines.consolidation.consolidate({ externalId: 'agent-2', memoryId: memory.id }));
    assertOneShard(consolidation.filter((p) => /^\s*select/i.test(p.sql)));
  });
});
