import { queryRows, runSql } from './citus-node.js';

export interface NodeAddress {
  host: string;
  port: number;
}

export function databaseUrl(node: NodeAddress, database: string): string {
  return `postgres://postgres@${node.host}:${node.port}/${database}`;
}

/** The coordinator (group 0) and the primary workers, as the metadata of the database behind `url` lists them. */
export async function clusterNodes(url: string): Promise<{ coordinator: NodeAddress; workers: NodeAddress[] }> {
  const rows = await queryRows<NodeAddress & { group: number }>(
    url,
    `SELECT nodename AS host, nodeport AS port, groupid AS group FROM pg_dist_node WHERE noderole = 'primary' ORDER BY nodeid`,
  );
  const coordinator = rows.find((row) => row.group === 0);
  if (!coordinator) throw new Error('the coordinator is not in pg_dist_node (citus_set_coordinator_host)');
  return { coordinator, workers: rows.filter((row) => row.group !== 0) };
}

/**
 * Makes `database` (already on every node) a Citus database: the `citus` extension on every node
 * (CREATE EXTENSION citus does not propagate), the coordinator and workers in its own metadata
 * (pg_dist_node is per database), then `vector` on the coordinator, which Citus propagates to
 * every worker, including workers added later.
 */
export async function setUpCitusDatabase(coordinator: NodeAddress, workers: NodeAddress[], database: string): Promise<void> {
  await Promise.all([coordinator, ...workers].map((node) => runSql(databaseUrl(node, database), ['CREATE EXTENSION citus'])));
  await runSql(databaseUrl(coordinator, database), [
    `SELECT citus_set_coordinator_host('${coordinator.host}', ${coordinator.port})`,
    ...workers.map((worker) => `SELECT citus_add_node('${worker.host}', ${worker.port})`),
    'CREATE EXTENSION IF NOT EXISTS vector',
  ]);
}

/**
 * A new database on the Citus cluster whose coordinator `coordinatorUrl` names, ready for
 * distributed tables with pgvector. The nodes run with citus.enable_create_database_propagation,
 * so CREATE DATABASE on the coordinator creates it on every worker.
 */
export async function createCitusDatabase(coordinatorUrl: string, name: string): Promise<string> {
  const { coordinator, workers } = await clusterNodes(coordinatorUrl);
  await runSql(coordinatorUrl, [`CREATE DATABASE ${name}`]);
  await setUpCitusDatabase(coordinator, workers, name);
  return databaseUrl(coordinator, name);
}

/**
 * Adds a started worker (with `citus` in its `postgres` database) to the cluster: to the metadata
 * of the coordinator's `postgres` database, which also creates every propagated database on it,
 * then to the metadata of each of those databases.
 */
export async function addWorkerEverywhere(coordinatorUrl: string, worker: NodeAddress): Promise<void> {
  const { coordinator } = await clusterNodes(coordinatorUrl);
  const add = `SELECT citus_add_node('${worker.host}', ${worker.port})`;
  await runSql(coordinatorUrl, [add]);
  const databases = await queryRows<{ datname: string }>(
    coordinatorUrl,
    `SELECT d.datname FROM pg_dist_object o JOIN pg_database d ON d.oid = o.objid
      WHERE o.classid = 'pg_database'::regclass AND d.datname <> current_database()`,
  );
  for (const { datname } of databases) {
    await runSql(databaseUrl(worker, datname), ['CREATE EXTENSION citus']);
    await runSql(databaseUrl(coordinator, datname), [add]);
  }
}
