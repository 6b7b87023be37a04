/**
 * Store benchmark: N episodes over M scopes (texts from LoCoMo and LongMemEval, vectors from a cache
 * of their real embeddings, so the embedder is not what is measured), then per-scope hybrid
 * searches (LoCoMo questions, cached query vectors): ingest episodes/s, search p50/p95, size on
 * disk, on SQLite, PostgreSQL + pgvector (default: exact scans below 10,000 vectors a scope),
 * PostgreSQL with every vector query through HNSW, and PostgreSQL without pgvector.
 *
 *   npm run bench:store [-- --sizes=10000,200000 --scopes=1000 --queries=500 --stores=sqlite,postgres,postgres-hnsw,postgres-exact]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AgentMem, type AgentMemOptions } from '../src/agent-mem.js';
import { startCluster } from '../test/support/postgres-cluster.js';
import { benchEmbedder } from './support/bench-embedder.js';
import { createDatabase, ingest, searchLatency, sizeOnDiskMb } from './support/load.js';
import { flag, markdownTable, writeResults } from './support/report.js';
import { quietLogger } from './support/quiet-logger.js';

const STORES = {
  sqlite: {},
  postgres: {},
  'postgres-hnsw': { postgres: { exactScanMax: 0 } },
  'postgres-exact': { postgres: { pgvector: 'off' } },
} as const satisfies Record<string, AgentMemOptions['config']>;
type StoreName = keyof typeof STORES;

async function main(argv: string[]): Promise<void> {
  const sizes = (flag(argv, 'sizes') ?? '10000,200000').split(',').map(Number);
  const scopes = Number(flag(argv, 'scopes') ?? 1000);
  const queries = Number(flag(argv, 'queries') ?? 500);
  const stores = (flag(argv, 'stores') ?? Object.keys(STORES).join(',')).split(',') as StoreName[];
  const { embedder, corpus } = await benchEmbedder();
  const cluster = stores.some((s) => s !== 'sqlite') ? await startCluster() : undefined;
  const rows = [];
  try {
    for (const episodes of sizes) {
      for (const store of stores) {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mem-bench-store-'));
        const location = store === 'sqlite' ? { dataDir } : { dataDir, databaseUrl: await createDatabase(cluster!.url, `bench_${Date.now()}_${store.replace('-', '_')}`) };
        const mem = await AgentMem.open({ ...location, embedder, logger: quietLogger(), config: STORES[store] });
        try {
          const seconds = await ingest(mem, { episodes, scopes, texts: corpus.texts });
          const search = await searchLatency(mem, { queries, scopes, questions: corpus.questions });
          const row = { store, episodes, scopes, ingestSeconds: Math.round(seconds * 10) / 10, episodesPerSecond: Math.round(episodes / seconds), searchP50Ms: search.p50, searchP95Ms: search.p95, sizeMb: await sizeOnDiskMb(location) };
          rows.push(row);
          process.stderr.write(`${JSON.stringify(row)}\n`);
        } finally {
          await mem.close();
        }
      }
    }
  } finally {
    cluster?.stop();
  }
  console.log(
    markdownTable(
      ['store', 'episodes', 'scopes', 'ingest s', 'episodes/s', 'search p50 ms', 'search p95 ms', 'size MB'],
      rows.map((r) => [r.store, r.episodes, r.scopes, r.ingestSeconds, r.episodesPerSecond, r.searchP50Ms, r.searchP95Ms, r.sizeMb]),
    ),
  );
  const file = writeResults('store', { benchmark: 'store', date: new Date().toISOString(), machine: { cpus: os.availableParallelism(), node: process.version }, queries, rows });
  console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
}

if (process.argv[1] === import.meta.filename) await main(process.argv.slice(2));
