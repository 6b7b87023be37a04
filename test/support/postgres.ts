import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startCluster, type Cluster } from './postgres-cluster.js';

let cluster: Promise<Cluster> | undefined;

/** The server the tests use: TEST_DATABASE_URL (set by test/run.ts), else a cluster of this process. */
async function serverUrl(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  cluster ??= startCluster().then((c) => {
    process.once('exit', () => c.stop());
    return c;
  });
  return (await cluster).url;
}

/** A fresh, empty database on the test server; each suite gets its own. */
export async function createTestDatabase(): Promise<string> {
  const url = await serverUrl();
  const name = `agent_mem_test_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}
