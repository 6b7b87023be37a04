import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { AgentMem } from '../src/agent-mem.js';
import { UnavailableError } from '../src/errors.js';
import { SQLITE_FILE } from '../src/store/open-store.js';
import { Child } from './support/child.js';
import { tempDir } from './support/stores.js';
import { WordEmbedder } from './support/word-embedder.js';

const CHILD = 'test/support/contention-child.ts';

interface ChildReport {
  acknowledged: number;
  errors: string[];
  maxStallMs: number;
}

describe('SQLite: two processes writing one scope of one file', () => {
  it('store every write (single adds against 500-episode batches), no error reaches a caller, and neither event loop stalls for 1 s', async () => {
    const dataDir = tempDir();
    const externalId = 'shared';
    const single = new Child(CHILD, { dataDir, externalId, mode: 'single', calls: 400, batchSize: 1 });
    const batch = new Child(CHILD, { dataDir, externalId, mode: 'batch', calls: 12, batchSize: 500 });
    const children = [single, batch];
    await Promise.all(children.map((c) => c.waitFor((line) => line === 'ready')));
    children.forEach((c) => c.go());
    const [singleReport, batchReport] = (await Promise.all(children.map((c) => c.waitFor((line) => line.startsWith('{'))))).map((line) => JSON.parse(line) as ChildReport);
    assert.deepEqual(await Promise.all(children.map((c) => c.exited)), [0, 0]);

    for (const report of [singleReport!, batchReport!]) {
      assert.deepEqual(report.errors, []);
      assert.ok(report.maxStallMs < 1000, `an event loop stalled for ${report.maxStallMs} ms`);
    }
    assert.equal(singleReport!.acknowledged, 400);
    assert.equal(batchReport!.acknowledged, 12 * 500);

    const mem = await AgentMem.open({ dataDir, embedder: new WordEmbedder() });
    try {
      for (const [tag, expected] of [['single', 400], ['batch', 6000]] as const) {
        let stored = 0;
        let cursor: string | undefined;
        do {
          const page = await mem.listEpisodes({ externalId, tags: [tag], limit: 500, cursor });
          stored += page.items.length;
          cursor = page.nextCursor;
        } while (cursor);
        assert.equal(stored, expected, `${tag} episodes stored`);
      }
    } finally {
      await mem.close();
    }
    console.log(`longest event-loop stall: single adds ${singleReport!.maxStallMs.toFixed(0)} ms, batches ${batchReport!.maxStallMs.toFixed(0)} ms`);
  });
});

describe('SQLite: a write lock held by another connection', () => {
  async function withHeldLock(busyTimeoutMs: number, holdMs: number) {
    const dataDir = tempDir();
    const mem = await AgentMem.open({ dataDir, embedder: new WordEmbedder(), config: { sqliteBusyTimeoutMs: busyTimeoutMs } });
    const holder = new Database(path.join(dataDir, SQLITE_FILE));
    holder.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const released = sleep(holdMs).then(() => holder.exec('COMMIT'));
    const write = mem.addEpisodes({ externalId: 'locked', episodes: [{ text: 'first while locked' }, { text: 'second while locked' }] });
    const outcome = await write.then(
      (episodes) => ({ episodes, error: undefined }),
      (error: unknown) => ({ episodes: undefined, error }),
    );
    const ticksWhileWaiting = ticks;
    clearInterval(ticker);
    await released;
    holder.close();
    const stored = (await mem.listEpisodes({ externalId: 'locked' })).items.length;
    await mem.close();
    return { ...outcome, ticksWhileWaiting, stored };
  }

  it('waits without blocking the event loop and succeeds once the lock is released', async () => {
    const result = await withHeldLock(10_000, 300);
    assert.equal(result.error, undefined);
    assert.equal(result.episodes!.length, 2);
    assert.equal(result.stored, 2);
    assert.ok(result.ticksWhileWaiting > 0, 'timers ran while the write waited');
  });

  it('fails with UnavailableError past the busy timeout, having written nothing', async () => {
    const result = await withHeldLock(200, 1500);
    assert.ok(result.error instanceof UnavailableError, `expected UnavailableError, got ${String(result.error)}`);
    assert.ok(result.ticksWhileWaiting > 0, 'timers ran while the write waited');
    assert.equal(result.stored, 0);
  });
});
