/**
 * Scale benchmark: N episodes over N/100 agents (texts from LoCoMo and LongMemEval, vectors from a
 * cache of their real embeddings) on single-node PostgreSQL and on Citus (a coordinator and two
 * workers on this machine): ingest episodes/s, per-scope hybrid search p50/p95, size on disk.
 *
 *   npm run bench:scale [-- --sizes=100000,1000000 --per-scope=100 --queries=500 --stores=postgres,citus --settle]
 *
 * --settle runs VACUUM ANALYZE between ingest and searches, as an operator would after a bulk load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AgentMem } from '../src/agent-mem.js';
import { startCitusCluster } from '../test/support/citus-cluster.js';
import { createCitusDatabase } from '../test/support/citus-database.js';
import { startCluster } from '../test/support/postgres-cluster.js';
import { benchEmbedder } from './support/bench-embedder.js';
import { createDatabase, ingest, searchLatency, settle, sizeOnDiskMb } from './support/load.js';
import { quietLogger } from './support/quiet-logger.js';
import { flag, markdownTable, writeResults } from './support/report.js';

type StoreName = 'postgres' | 'citus';

/** A fresh database on a fresh server of the kind, and how to stop the server. */
async function freshDatabase(store: StoreName, name: string): Promise<{ databaseUrl: string; stop(): void }> {
  if (store === 'postgres') {
    const cluster = await startCluster();
    return { databaseUrl: await createDatabase(cluster.url, name), stop: () => cluster.stop() };
  }
  const cluster = await startCitusCluster({ workers: 2 });
  return { databaseUrl: await createCitusDatabase(cluster.url, name), stop: () => cluster.stop() };
}

async function main(argv: string[]): Promise<void> {
  const sizes = (flag(argv, 'sizes') ?? '100000,1000000').split(',').map(Number);
  const perScope = Number(flag(argv, 'per-scope') ?? 100);
  const queries = Number(flag(argv, 'queries') ?? 500);
  const stores = (flag(argv, 'stores') ?? 'postgres,citus').split(',') as StoreName[];
  const settled = argv.includes('--settle');
  const { embedder, corpus } = await benchEmbedder();
  const rows = [];
  for (const episodes of sizes) {
    for (const store of stores) {
      const scopes = Math.ceil(episodes / perScope);
      const server = await freshDatabase(store, `scale_${episodes}`);
      const location = { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mem-bench-scale-')), databaseUrl: server.databaseUrl };
      const mem = await AgentMem.open({ ...location, embedder, logger: quietLogger() });
      try {
        const seconds = await ingest(mem, { episodes, scopes, texts: corpus.texts });
        if (settled) await settle(server.databaseUrl);
        const search = await searchLatency(mem, { queries, scopes, questions: corpus.questions });
        const row = { store, settled, episodes, scopes, ingestSeconds: Math.round(seconds), episodesPerSecond: Math.round(episodes / seconds), searchP50Ms: search.p50, searchP95Ms: search.p95, sizeMb: await sizeOnDiskMb(location) };
        rows.push(row);
        process.stderr.write(`${JSON.stringify(row)}\n`);
      } finally {
        await mem.close();
        server.stop();
      }
    }
  }
  console.log(
    markdownTable(
      ['store', 'episodes', 'agents', 'ingest s', 'episodes/s', 'search p50 ms', 'search p95 ms', 'size MB'],
      rows.map((r) => [r.settled ? `${r.store} (settled)` : r.store, r.episodes, r.scopes, r.ingestSeconds, r.episodesPerSecond, r.searchP50Ms, r.searchP95Ms, r.sizeMb]),
    ),
  );
  const file = writeResults(settled ? 'scale-settled' : 'scale', { benchmark: 'scale', date: new Date().toISOString(), machine: { cpus: os.availableParallelism(), node: process.version }, perScope, queries, rows });
  console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
}

if (process.argv[1] === import.meta.filename) await main(process.argv.slice(2));
