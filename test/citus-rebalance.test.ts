import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AgentMem } from '../src/agent-mem.js';
import { startCitusCluster, type CitusCluster } from './support/citus-cluster.js';
import { createCitusDatabase } from './support/citus-database.js';
import { queryRows, runSql } from './support/citus-node.js';
import { tempDir } from './support/stores.js';
import { within } from './support/within.js';

const PLACES = ['Kyoto', 'Lisbon', 'Oslo', 'Quito', 'Hanoi', 'Dakar', 'Lima', 'Perth'];
const QUERIES = ['Which city has the temple I visited?', 'Where did I eat grilled sardines?', 'Where did I see the northern lights?'];

describe('Citus: a third worker and a rebalance while traffic runs', () => {
  let cluster: CitusCluster;
  before(async () => (cluster = await startCitusCluster({ workers: 2 })));
  after(() => cluster.stop());

  it('loses no write and answers the same searches after the shards moved', async () => {
    const url = await createCitusDatabase(cluster.url, 'rebalance');
    const mem = await AgentMem.open({ databaseUrl: url, dataDir: tempDir(), tenantId: 'acme' });
    try {
      // Agents whose memory stays as it is, to compare searches before and after the moves.
      const steady = Array.from({ length: 12 }, (_, i) => `steady-${i}`);
      for (const [i, externalId] of steady.entries()) {
        await mem.addEpisodes({
          externalId,
          episodes: [
            { text: `Visited a temple in ${PLACES[i % PLACES.length]}` },
            { text: `Ate grilled sardines in ${PLACES[(i + 1) % PLACES.length]}` },
            { text: `Saw the northern lights near ${PLACES[(i + 2) % PLACES.length]}` },
          ],
        });
      }
      const search = async () => Promise.all(steady.flatMap((externalId) => QUERIES.map(async (query) => (await mem.retrieveMemories({ externalId, query, limit: 3 })).map((r) => r.id))));
      const before = await search();

      const acknowledged = new Map<string, string[]>();
      let running = true;
      let failures = 0;
      const traffic = Promise.all(
        Array.from({ length: 3 }, async (_, worker) => {
          for (let n = 0; running; n++) {
            const externalId = `busy-${(worker * 7 + n) % 30}`;
            try {
              const episode = await mem.addEpisode({ externalId, text: `Event ${n} of writer ${worker}` });
              acknowledged.set(externalId, [...(acknowledged.get(externalId) ?? []), episode.id]);
              await mem.retrieveMemories({ externalId, query: `event ${n}` });
            } catch {
              failures++;
            }
          }
        }),
      );
      await sleep(500);
      await cluster.addWorker();
      await runSql(url, ['SELECT citus_rebalance_start()']);
      await within(180_000, runSql(url, ['SELECT citus_rebalance_wait()']), 'the rebalance');
      running = false;
      await traffic;

      const placements = await queryRows<{ nodes: string }>(url, "SELECT count(DISTINCT nodeport) AS nodes FROM citus_shards WHERE table_name = 'episodes'::regclass");
      assert.equal(Number(placements[0]!.nodes), 3, 'episodes shards sit on all three workers');
      assert.equal(failures, 0, 'no call failed during the moves');
      for (const [externalId, ids] of acknowledged) {
        const stored = new Set((await mem.listEpisodes({ externalId, limit: 500 })).items.map((e) => e.id));
        for (const id of ids) assert.ok(stored.has(id), `${externalId} lost ${id}`);
      }
      assert.deepEqual(await search(), before);
    } finally {
      await mem.close();
    }
  });
});
