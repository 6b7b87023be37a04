import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startCluster, type Cluster } from '../../test/support/postgres-cluster.js';
import { flag } from './report.js';

/** Where a benchmark keeps its store: `--store=sqlite` (default) or `--store=postgres` (a throwaway cluster). */
export interface BenchLocation {
  store: 'sqlite' | 'postgres';
  dataDir: string;
  databaseUrl?: string;
  stop(): void;
}

export async function benchLocation(argv: readonly string[], name: string): Promise<BenchLocation> {
  const dataDir = flag(argv, 'data-dir') ?? fs.mkdtempSync(path.join(os.tmpdir(), `agent-mem-${name}-`));
  const store = flag(argv, 'store') ?? 'sqlite';
  if (store === 'sqlite') return { store, dataDir, stop: () => {} };
  if (store !== 'postgres') throw new Error(`--store must be sqlite or postgres, got "${store}"`);
  const cluster: Cluster = await startCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE bench_${name}`);
  await admin.end();
  return { store, dataDir, databaseUrl: cluster.url.replace(/\/postgres$/, `/bench_${name}`), stop: () => cluster.stop() };
}

/** A results file name: the benchmark, then what differs from its default run (ingest path, store). */
export function resultsName(benchmark: string, ingest: string, store: BenchLocation['store']): string {
  return [benchmark, ingest === 'episodes' ? '' : ingest, store === 'sqlite' ? '' : store].filter(Boolean).join('-');
}
