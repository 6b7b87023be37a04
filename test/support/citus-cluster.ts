import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addWorkerEverywhere, databaseUrl, setUpCitusDatabase, type NodeAddress } from './citus-database.js';
import { DEADLINE_SECONDS, initTemplate, runSql, startNode } from './citus-node.js';
import { freePort, freePorts, pgCommand } from './postgres-cluster.js';

export interface CitusCluster {
  /** The coordinator's `postgres` database; Citus and pgvector are set up in it. */
  url: string;
  /** Starts one more worker and adds it to every Citus database of the cluster; shards move only on a rebalance. */
  addWorker(): Promise<{ port: number }>;
  /** Stops every node and removes the data directories. Synchronous, so it can run on process exit. */
  stop(): void;
}

export interface CitusClusterOptions {
  workers?: number;
  /** Where the nodes keep their data (created, must not exist yet); a new temp directory by default. */
  dir?: string;
}

const HOST = '127.0.0.1';

/** A directory the `postgres` user may write in (initdb and the servers run as `postgres` when we are root). */
function makeDir(dir: string | undefined): string {
  const made = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mem-citus-'));
  if (dir) fs.mkdirSync(dir, { recursive: false });
  fs.chmodSync(made, 0o777);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', made]);
  return made;
}

/**
 * A throwaway Citus cluster on loopback: a coordinator and `workers` workers, each its own
 * PostgreSQL 15 server copied from one initdb'd template, with `citus` and `vector` in `postgres`.
 * `stopCitusClusterIn(dir)` stops it from another process.
 */
export async function startCitusCluster({ workers = 2, dir }: CitusClusterOptions = {}): Promise<CitusCluster> {
  const root = makeDir(dir);
  const stop = () => stopCitusClusterIn(root);
  try {
    const template = await initTemplate(root);
    const names = ['coordinator', ...Array.from({ length: workers }, (_, i) => `worker${i + 1}`)];
    const ports = await freePorts(names.length);
    const started = await Promise.allSettled(names.map((name, i) => startNode(template, root, name, ports[i]!)));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const [coordinator, ...nodes]: NodeAddress[] = ports.map((port) => ({ host: HOST, port }));
    await setUpCitusDatabase(coordinator!, nodes, 'postgres');
    const url = databaseUrl(coordinator!, 'postgres');
    let added = workers;
    return {
      url,
      addWorker: async () => {
        const worker = { host: HOST, port: await freePort() };
        await startNode(template, root, `worker${++added}`, worker.port);
        await runSql(databaseUrl(worker, 'postgres'), ['CREATE EXTENSION citus']);
        await addWorkerEverywhere(url, worker);
        return { port: worker.port };
      },
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}

/** Stops (immediately) every node running from a data directory under `dir`, then removes `dir`. */
export function stopCitusClusterIn(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir)) {
    const data = path.join(dir, entry);
    if (!fs.existsSync(path.join(data, 'postmaster.pid'))) continue;
    const [cmd, argv] = pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', String(DEADLINE_SECONDS), 'stop']);
    spawnSync(cmd, argv);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
