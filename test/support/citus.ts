import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createCitusDatabase } from './citus-database.js';
import { startCitusCluster } from './citus-cluster.js';
import { pgCommand } from './postgres-cluster.js';

let coordinator: Promise<string> | undefined;
const created: string[] = [];

/**
 * The coordinator the suites share: TEST_CITUS_URL when set. Under test/run.ts (TEST_CITUS_DIR
 * set) the first suite that asks starts the cluster in that directory and leaves it running for
 * the suites after it (they run one at a time); run.ts stops it at the end. A suite run on its
 * own starts a cluster for its process and stops it on exit.
 */
function coordinatorUrl(): Promise<string> {
  coordinator ??= process.env.TEST_CITUS_URL ? Promise.resolve(process.env.TEST_CITUS_URL) : startShared();
  return coordinator;
}

async function startShared(): Promise<string> {
  const shared = process.env.TEST_CITUS_DIR;
  if (!shared) {
    const cluster = await startCitusCluster();
    process.once('exit', () => cluster.stop());
    return cluster.url;
  }
  const urlFile = path.join(shared, 'url');
  if (fs.existsSync(urlFile)) return fs.readFileSync(urlFile, 'utf8');
  const cluster = await startCitusCluster({ dir: path.join(shared, 'cluster') });
  fs.writeFileSync(urlFile, cluster.url);
  return cluster.url;
}

/**
 * Drops this process's databases from a cluster that outlives it. Every Citus database runs a
 * maintenance daemon on every node; past max_worker_processes new databases get none (no
 * rebalancing, no deadlock detection, no 2PC recovery), so they must not pile up across suites.
 */
function dropOnExit(url: string): void {
  const [cmd, argv] = pgCommand('psql', ['-X', '-q', '-d', url, ...created.flatMap((name) => ['-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`])]);
  spawnSync(cmd, argv, { timeout: 30_000 });
}

/** A fresh database on the shared Citus cluster, with `citus` and `vector` on every node; each suite gets its own. */
export async function createCitusTestDatabase(): Promise<string> {
  const url = await coordinatorUrl();
  const name = `agent_mem_test_${randomUUID().replace(/-/g, '')}`;
  if (created.length === 0 && (process.env.TEST_CITUS_URL || process.env.TEST_CITUS_DIR)) process.once('exit', () => dropOnExit(url));
  created.push(name);
  return createCitusDatabase(url, name);
}
