import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { startCitusCluster, type CitusCluster } from './support/citus-cluster.js';
import { createCitusDatabase } from './support/citus-database.js';
import { createCitusTestDatabase } from './support/citus.js';

/** A client on `url` for the length of `use`. */
async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function explain(client: pg.Client, sql: string, params: unknown[]): Promise<string> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`, params);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/** A distributed table with `rows` rows spread over `scopes` scopes. */
async function createMemories(client: pg.Client, { rows, scopes }: { rows: number; scopes: number }): Promise<void> {
  await client.query('CREATE TABLE memories (scope_id TEXT NOT NULL, id BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (scope_id, id))');
  await client.query(`SELECT create_distributed_table('memories', 'scope_id')`);
  await client.query(`INSERT INTO memories SELECT 'scope-' || (g % $2), g, 'memory ' || g FROM generate_series(1, $1::int) g`, [rows, scopes]);
}

/** Row count and a digest of every row, to compare the table's content before and after shard moves. */
async function contents(client: pg.Client): Promise<{ count: string; digest: string }> {
  const { rows } = await client.query<{ count: string; digest: string }>(
    `SELECT count(*) AS count, md5(string_agg(scope_id || ':' || id || ':' || body, ',' ORDER BY scope_id, id)) AS digest FROM memories`,
  );
  return rows[0]!;
}

describe('a test database on the shared Citus cluster', () => {
  let url: string;
  before(async () => {
    url = await createCitusTestDatabase();
  });

  test('has citus and vector on the coordinator and on each of the two workers', async () => {
    await withClient(url, async (client) => {
      const { rows: local } = await client.query<{ extname: string }>(`SELECT extname FROM pg_extension WHERE extname IN ('citus', 'vector') ORDER BY 1`);
      assert.deepEqual(local.map((row) => row.extname), ['citus', 'vector']);
      const { rows: workers } = await client.query<{ success: boolean; result: string }>(
        `SELECT success, result FROM run_command_on_workers($$SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension WHERE extname IN ('citus', 'vector')$$)`,
      );
      assert.deepEqual(workers, [{ success: true, result: 'citus,vector' }, { success: true, result: 'citus,vector' }]);
    });
  });

  test('routes a query for one scope, given as a $1 parameter, to a single shard', async () => {
    await withClient(url, async (client) => {
      await createMemories(client, { rows: 200, scopes: 20 });
      const oneScope = 'SELECT id FROM memories WHERE scope_id = $1 ORDER BY id';
      const routed = await explain(client, oneScope, ['scope-7']);
      assert.match(routed, /Custom Scan \(Citus Adaptive\)/);
      assert.match(routed, /Task Count: 1\n/);
      assert.match(await explain(client, 'SELECT count(*) FROM memories WHERE body <> $1', ['x']), /Task Count: 8\n/);
      const { rows } = await client.query<{ id: string }>(oneScope, ['scope-7']);
      assert.deepEqual(rows.map((row) => Number(row.id)), Array.from({ length: 10 }, (_, i) => 7 + 20 * i));
    });
  });
});

describe('a Citus cluster that grows', () => {
  let cluster: CitusCluster;
  let url: string;
  before(async () => {
    cluster = await startCitusCluster({ workers: 2 });
    url = await createCitusDatabase(cluster.url, 'growing');
  });
  after(() => cluster?.stop());

  test('moves shards to an added worker on a rebalance and keeps every row', async () => {
    await withClient(url, async (client) => {
      await createMemories(client, { rows: 2000, scopes: 100 });
      const before = await contents(client);
      const { port } = await cluster.addWorker();
      const shardsOnNewWorker = async () =>
        Number((await client.query(`SELECT count(*) FROM citus_shards WHERE nodeport = $1 AND table_name = 'memories'::regclass`, [port])).rows[0].count);
      assert.equal(await shardsOnNewWorker(), 0);

      await client.query('SELECT citus_rebalance_start()');
      await client.query('SELECT citus_rebalance_wait()');

      assert.ok((await shardsOnNewWorker()) > 0);
      assert.deepEqual(await contents(client), before);
      await client.query(`INSERT INTO memories VALUES ('scope-new', 1, 'after the move')`);
      assert.equal((await client.query(`SELECT body FROM memories WHERE scope_id = 'scope-new'`)).rows[0].body, 'after the move');
    });
  });
});
