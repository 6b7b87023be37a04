import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { pgCommand } from './postgres-cluster.js';

const execFileAsync = promisify(execFile);

/** How long initdb, a node's start or one set-up statement may take before the harness gives up. */
export const DEADLINE_SECONDS = 30;

/**
 * Settings of every node. Shard moves (citus_rebalance_start, citus_move_shard_placement) copy
 * through logical replication: wal_level = logical plus replication slots and WAL senders; a short
 * wal_retrieve_retry_interval lets each move's subscription start within 200 ms instead of the
 * default 5 s (a shard move takes about 1 s instead of 5 s). Citus runs a maintenance daemon per
 * database with the extension, and the rebalancer runs its moves as background tasks, hence room
 * for background workers; the daemon looks for scheduled tasks every 500 ms instead of 5 s, so a
 * rebalance starts at once. Inter-node connections go over loopback without SSL. Tables get 8
 * shards, not 32: still more than the workers, but DDL, TRUNCATE and multi-shard queries run 2-5
 * times faster, which is what a suite that creates its schema pays for.
 * CREATE DATABASE propagates to the workers, and citus_add_node creates those databases on a new
 * worker (without the setting it fails on them).
 */
const SETTINGS = [
  "shared_preload_libraries = 'citus'",
  "listen_addresses = '127.0.0.1'",
  'fsync = off',
  'synchronous_commit = off',
  'full_page_writes = off',
  'shared_buffers = 32MB',
  'max_connections = 150',
  'max_worker_processes = 48',
  'wal_level = logical',
  'max_replication_slots = 20',
  'max_wal_senders = 20',
  'wal_retrieve_retry_interval = 200ms',
  "citus.node_conninfo = 'sslmode=disable'",
  'citus.enable_create_database_propagation = on',
  'citus.background_task_queue_interval = 500ms',
  'citus.shard_count = 8',
];

/** Runs a PostgreSQL binary (as `postgres` when we are root); rejects with its output. */
async function runPg(binary: string, args: string[]): Promise<void> {
  const [cmd, argv] = pgCommand(binary, args);
  try {
    await execFileAsync(cmd, argv, { timeout: (DEADLINE_SECONDS + 5) * 1000 });
  } catch (error) {
    const { stderr, stdout, message } = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${binary} failed: ${stderr || stdout || message}`);
  }
}

/** One initdb'd data directory with the Citus settings; nodes start from copies of it. */
export async function initTemplate(dir: string): Promise<string> {
  const data = path.join(dir, 'template');
  await runPg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  fs.appendFileSync(path.join(data, 'postgresql.conf'), `\n${SETTINGS.join('\n')}\n`);
  return data;
}

/** Copies the template to `dir/<name>` and starts it on `port`; resolves once it accepts connections. */
export async function startNode(template: string, dir: string, name: string, port: number): Promise<void> {
  const data = path.join(dir, name);
  await execFileAsync('cp', ['-a', template, data]);
  const log = path.join(dir, `${name}.log`);
  await runPg('pg_ctl', ['-D', data, '-l', log, '-w', '-t', String(DEADLINE_SECONDS), '-o', `-p ${port} -k ${dir}`, 'start']);
}

/** A connection to `url` for the length of `use`, with the harness's deadline on connecting and on each statement. */
async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: DEADLINE_SECONDS * 1000,
    statement_timeout: DEADLINE_SECONDS * 1000,
  });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Runs statements in order on one database. */
export async function runSql(url: string, statements: string[]): Promise<void> {
  await withClient(url, async (client) => {
    for (const statement of statements) await client.query(statement);
  });
}

/** The rows of one query on one database. */
export async function queryRows<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  return withClient(url, async (client) => (await client.query<T>(sql)).rows);
}
