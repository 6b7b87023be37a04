import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { AgentMem, AgentMemOptions } from '../../src/agent-mem.js';
import { percentile } from './metrics.js';

/** Scopes ingested at once: the pool (or SQLite's one connection) is kept busy, as by many agents. */
const CONCURRENCY = 8;
/** Searches run before the measured ones. */
const WARM_UP = 50;

/** `episodes` episodes spread evenly over `scopes` agents, one addEpisodes call per agent; seconds taken. */
export async function ingest(mem: AgentMem, plan: { episodes: number; scopes: number; texts: readonly string[] }): Promise<number> {
  const perScope = Math.ceil(plan.episodes / plan.scopes);
  const base = Date.parse('2024-01-01T00:00:00.000Z');
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let s = next++; s < plan.scopes; s = next++) {
        const count = Math.min(perScope, plan.episodes - s * perScope);
        if (count <= 0) continue;
        const episodes = Array.from({ length: count }, (_, i) => {
          const n = s * perScope + i;
          return { text: plan.texts[n % plan.texts.length]!, occurredAt: new Date(base + n * 60_000).toISOString() };
        });
        await mem.addEpisodes({ externalId: `agent-${s}`, episodes });
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

/** Hybrid searches of scattered agents with real questions: p50 and p95 in ms. */
export async function searchLatency(mem: AgentMem, plan: { queries: number; scopes: number; questions: readonly string[] }): Promise<{ p50: number; p95: number }> {
  const latencies: number[] = [];
  for (let q = 0; q < plan.queries + WARM_UP; q++) {
    const externalId = `agent-${(q * 7919) % plan.scopes}`;
    const started = performance.now();
    await mem.retrieveMemories({ externalId, query: plan.questions[q % plan.questions.length]!, limit: 10 });
    if (q >= WARM_UP) latencies.push(performance.now() - started);
  }
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)) };
}

/** Bytes the store takes: the SQLite files, or the database on every node (Citus: coordinator and workers). */
export async function sizeOnDiskMb(location: Pick<AgentMemOptions, 'dataDir' | 'databaseUrl'>): Promise<number> {
  if (!location.databaseUrl) {
    const files = fs.readdirSync(location.dataDir!).map((f) => fs.statSync(path.join(location.dataDir!, f)).size);
    return Math.round(files.reduce((a, b) => a + b, 0) / 2 ** 20);
  }
  const client = new pg.Client({ connectionString: location.databaseUrl });
  await client.connect();
  try {
    const citus = (await client.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'")).rowCount! > 0;
    const query = citus
      ? 'SELECT sum(result::bigint) AS bytes FROM run_command_on_all_nodes($$SELECT pg_database_size(current_database())$$)'
      : 'SELECT pg_database_size(current_database()) AS bytes';
    return Math.round(Number((await client.query<{ bytes: string }>(query)).rows[0]!.bytes) / 2 ** 20);
  } finally {
    await client.end();
  }
}

/** `VACUUM ANALYZE` after a bulk load, as an operator runs it, so autovacuum is not what the searches meet. */
export async function settle(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

/** A new database on the PostgreSQL server at `serverUrl` (its `postgres` database). */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
