import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createCitusDatabase } from './citus-database.js';
import { startCitusCluster } from './citus-cluster.js';

let coordinator: Promise<string> | undefined;

/**
 * The coordinator the suites share: TEST_CITUS_URL when set. Under test/run.ts (TEST_CITUS_DIR
 * set) the first suite that asks starts the cluster in that directory and leaves it running for
 * the suites after it (they run one at a time); run.ts stops it at the end. A suite run on its
 * own starts a cluster for its process and stops it on exit.
 */
function coordinatorUrl(): Promise<string> {
  if (process.env.TEST_CITUS_URL) return Promise.resolve(process.env.TEST_CITUS_URL);
  coordinator ??= startShared();
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

/** A fresh database on the shared Citus cluster, with `citus` and `vector` on every node; each suite gets its own. */
export async function createCitusTestDatabase(): Promise<string> {
  return createCitusDatabase(await coordinatorUrl(), `agent_mem_test_${randomUUID().replace(/-/g, '')}`);
}
