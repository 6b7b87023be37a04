import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SAMPLER_OPTIONS, sampleEpisodes, sampleScore } from '../src/sleep/sampler.js';
import type { Store } from '../src/store/port.js';
import { episode, scope } from './support/fixtures.js';
import { STORE_KINDS, openTestStore } from './support/stores.js';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

describe('sampler score', () => {
  it('weighs importance, access and recency as 0.4 / 0.3 / 0.3', () => {
    const fresh = { importance: 1, accessCount: 0, occurredAt: NOW.toISOString() };
    assert.ok(Math.abs(sampleScore(fresh, NOW) - (0.4 + 0 + 0.3)) < 1e-12);
    const old = { importance: 0.5, accessCount: 10, occurredAt: daysAgo(20) };
    assert.ok(Math.abs(sampleScore(old, NOW) - (0.2 + (0.3 * Math.log1p(10)) / 5 + 0.3 / 3)) < 1e-12);
    // Access saturates at log1p(n)/5 = 1.
    const busy = { importance: 0, accessCount: 10_000, occurredAt: daysAgo(10) };
    assert.ok(Math.abs(sampleScore(busy, NOW) - (0.3 + 0.3 / 2)) < 1e-12);
  });

  it('ranks a recent, accessed, important episode above stale ones', () => {
    const recent = sampleScore({ importance: 0.6, accessCount: 3, occurredAt: daysAgo(1) }, NOW);
    const stale = sampleScore({ importance: 0.6, accessCount: 3, occurredAt: daysAgo(60) }, NOW);
    const unread = sampleScore({ importance: 0.6, accessCount: 0, occurredAt: daysAgo(1) }, NOW);
    assert.ok(recent > stale && recent > unread);
  });
});

for (const kind of STORE_KINDS) {
  describe(`sampler (${kind})`, () => {
    let store: Store;
    const s = scope('sampled');
    before(async () => {
      store = await openTestStore(kind);
      await store.episodes.insertMany([
        episode(s, { id: 'top', importance: 0.9, accessCount: 5, occurredAt: daysAgo(1) }),
        episode(s, { id: 'mid', importance: 0.5, occurredAt: daysAgo(5) }),
        episode(s, { id: 'low', importance: 0.2, occurredAt: daysAgo(30) }),
        episode(s, { id: 'old', importance: 1, occurredAt: daysAgo(400) }),
        episode(s, { id: 'done', importance: 1, occurredAt: daysAgo(1), status: 'consolidated', consolidatedAt: daysAgo(1) }),
        episode(s, { id: 'turn', type: 'conversation_turn', importance: 0.9, occurredAt: daysAgo(1) }),
        episode(s, { id: 'unsure', importance: 0.9, confidence: 0.1, occurredAt: daysAgo(1) }),
        episode(scope('someone-else'), { id: 'foreign', importance: 1, occurredAt: daysAgo(1) }),
      ]);
    });
    after(() => store.close());

    it('takes active episodes in the window above the floors, best score first', async () => {
      const options = { ...DEFAULT_SAMPLER_OPTIONS, types: ['episodic_event' as const], minConfidence: 0.5, minImportance: 0.3, windowDays: 90 };
      const sampled = await sampleEpisodes(store, s, options, NOW);
      assert.deepEqual(sampled.map((x) => x.episode.id), ['top', 'mid']);
      assert.ok(sampled[0]!.score > sampled[1]!.score);
    });

    it('caps the sample at maxEpisodes, keeping the best', async () => {
      const sampled = await sampleEpisodes(store, s, { ...DEFAULT_SAMPLER_OPTIONS, maxEpisodes: 2 }, NOW);
      const all = await sampleEpisodes(store, s, DEFAULT_SAMPLER_OPTIONS, NOW);
      assert.deepEqual(sampled.map((x) => x.episode.id), all.slice(0, 2).map((x) => x.episode.id));
      assert.ok(all.every((x, i) => i === 0 || all[i - 1]!.score >= x.score));
      assert.ok(!all.some((x) => ['done', 'old', 'foreign'].includes(x.episode.id)));
    });
  });
}
