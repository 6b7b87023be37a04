/**
 * Store benchmark: N episodes over M scopes (texts from LoCoMo and LongMemEval, vectors from a cache
 * of their real embeddings, so the embedder is not what is measured), then per-scope hybrid
 * searches (LoCoMo questions, cached query vectors): ingest episodes/s, search p50/p95, size on
 * disk, on SQLite, PostgreSQL + pgvector (HNSW for every query, and HNSW past the exact-scan
 * limit) and PostgreSQL with exact scans.
 *
 *   npm run bench:store [-- --sizes=10000,200000 --scopes=1000 --queries=500 --stores=sqlite,postgres,postgres-hnsw,postgres-exact]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { AgentMem, type AgentMemOptions } from '../src/agent-mem.js';
import { LocalEmbedder } from '../src/ai/local-embedder.js';
import { createLogger } from '../src/logger.js';
import { startCluster, type Cluster } from '../test/support/postgres-cluster.js';
import { loadCorpus } from './support/corpus.js';
import { percentile } from './support/metrics.js';
import { flag, markdownTable, writeResults } from './support/report.js';
import { CachedEmbedder, cachedVectors } from './support/vector-cache.js';

const STORES = {
  sqlite: {},
  postgres: { postgres: {} },
  'postgres-hnsw': { postgres: { exactScanMax: 0 } },
  'postgres-exact': { postgres: { pgvector: 'off' } },
} as const;
type StoreName = keyof typeof STORES;

interface Row {
  store: StoreName;
  episodes: number;
  scopes: number;
  ingestSeconds: number;
  episodesPerSecond: number;
  searchP50Ms: number;
  searchP95Ms: number;
  queries: number;
  sizeMb: number;
}

/** Scopes ingested at once: the pool (or SQLite's one connection) is kept busy, as by many agents. */
const CONCURRENCY = 8;

async function sizeOnDiskMb(location: Pick<AgentMemOptions, 'dataDir' | 'databaseUrl'>): Promise<number> {
  if (location.databaseUrl) {
    const client = new pg.Client({ connectionString: location.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
      return Number(rows[0]!.bytes) / 2 ** 20;
    } finally {
      await client.end();
    }
  }
  const files = fs.readdirSync(location.dataDir!).map((f) => fs.statSync(path.join(location.dataDir!, f)).size);
  return files.reduce((a, b) => a + b, 0) / 2 ** 20;
}

async function freshLocation(store: StoreName, cluster: Cluster | undefined): Promise<Pick<AgentMemOptions, 'dataDir' | 'databaseUrl'>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mem-bench-store-'));
  if (store === 'sqlite') return { dataDir };
  const name = `bench_${Date.now()}_${store.replace('-', '_')}`;
  const admin = new pg.Client({ connectionString: cluster!.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return { dataDir, databaseUrl: cluster!.url.replace(/\/postgres$/, `/${name}`) };
}

async function run(store: StoreName, episodes: number, scopes: number, queries: number, texts: string[], questions: string[], embedder: CachedEmbedder, cluster?: Cluster): Promise<Row> {
  const location = await freshLocation(store, cluster);
  const logger = createLogger('bench');
  logger.level = 'warn';
  const mem = await AgentMem.open({ ...location, embedder, logger, config: STORES[store] });
  try {
    const perScope = Math.ceil(episodes / scopes);
    const base = Date.parse('2024-01-01T00:00:00.000Z');
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let s = next++; s < scopes; s = next++) {
          const count = Math.min(perScope, episodes - s * perScope);
          if (count <= 0) continue;
          const batch = Array.from({ length: count }, (_, i) => {
            const n = s * perScope + i;
            return { text: texts[n % texts.length]!, occurredAt: new Date(base + n * 60_000).toISOString() };
          });
          await mem.addEpisodes({ externalId: `agent-${s}`, episodes: batch });
        }
      }),
    );
    const ingestSeconds = (performance.now() - started) / 1000;
    const latencies: number[] = [];
    for (let q = -50; q < queries; q++) {
      const question = questions[(q + 50) % questions.length]!;
      // Queries visit the scopes in a scattered order, as requests of many agents do.
      const externalId = `agent-${((q + 50) * 7919) % scopes}`;
      const t = performance.now();
      await mem.retrieveMemories({ externalId, query: question, limit: 10 });
      if (q >= 0) latencies.push(performance.now() - t);
    }
    return {
      store,
      episodes,
      scopes,
      ingestSeconds: Math.round(ingestSeconds * 10) / 10,
      episodesPerSecond: Math.round(episodes / ingestSeconds),
      searchP50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
      searchP95Ms: Math.round(percentile(latencies, 95) * 10) / 10,
      queries,
      sizeMb: Math.round(await sizeOnDiskMb(location)),
    };
  } finally {
    await mem.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const sizes = (flag(argv, 'sizes') ?? '10000,200000').split(',').map(Number);
  const scopes = Number(flag(argv, 'scopes') ?? 1000);
  const queries = Number(flag(argv, 'queries') ?? 500);
  const stores = (flag(argv, 'stores') ?? Object.keys(STORES).join(',')).split(',') as StoreName[];
  const corpus = loadCorpus();
  const model = new LocalEmbedder();
  const vectors = await cachedVectors(model, [...corpus.texts, ...corpus.questions], (done, total) => process.stderr.write(`embedding the corpus once: ${done}/${total}\r`));
  const embedder = new CachedEmbedder(vectors, model);
  const cluster = stores.some((s) => s !== 'sqlite') ? await startCluster() : undefined;
  const rows: Row[] = [];
  try {
    for (const episodes of sizes) {
      for (const store of stores) {
        const row = await run(store, episodes, scopes, queries, corpus.texts, corpus.questions, embedder, cluster);
        rows.push(row);
        process.stderr.write(`${JSON.stringify(row)}\n`);
      }
    }
  } finally {
    cluster?.stop();
  }
  const table = markdownTable(
    ['store', 'episodes', 'scopes', 'ingest s', 'episodes/s', 'search p50 ms', 'search p95 ms', 'size MB'],
    rows.map((r) => [r.store, r.episodes, r.scopes, r.ingestSeconds, r.episodesPerSecond, r.searchP50Ms, r.searchP95Ms, r.sizeMb]),
  );
  console.log(table);
  const file = writeResults('store', { benchmark: 'store', machine: { cpus: os.availableParallelism(), node: process.version }, corpusTexts: corpus.texts.length, rows });
  console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
}

if (process.argv[1] === import.meta.filename) await main(process.argv.slice(2));
