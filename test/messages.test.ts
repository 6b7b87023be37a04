import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AgentMem } from '../src/agent-mem.js';
import type { Embedder } from '../src/ai/embedder.js';
import { LocalEmbedder } from '../src/ai/local-embedder.js';
import { mixNeighbours } from '../src/episodes/turn-context.js';
import { ValidationError } from '../src/errors.js';
import type { Episode, MessageInput } from '../src/index.js';
import type { Store } from '../src/store/port.js';
import { openPostgresStore } from '../src/store/postgres/open.js';
import { openSqliteStore } from '../src/store/sqlite/open.js';
import { STORE_KINDS, testLocation, type StoreKind } from './support/stores.js';

/**
 * The real local embedder, remembering every text it was asked to embed. With `gather(n)` it holds
 * answers until n calls wait, then answers them all at once, so their writes start together.
 */
class CountingEmbedder implements Embedder {
  readonly specificationVersion = 'v1' as const;
  private readonly inner = new LocalEmbedder();
  readonly id = this.inner.id;
  readonly dimensions = this.inner.dimensions;
  readonly embedded: string[] = [];
  private held: { count: number; waiting: Array<() => void> } | undefined;

  gather(count: number): void {
    this.held = { count, waiting: [] };
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    this.embedded.push(...texts);
    const vectors = await this.inner.embed(texts);
    const held = this.held;
    if (held) {
      await new Promise<void>((resolve) => {
        held.waiting.push(resolve);
        if (held.waiting.length === held.count) {
          this.held = undefined;
          for (const release of held.waiting) release();
        }
      });
    }
    return vectors;
  }
}

const CHAT: MessageInput[] = [
  { role: 'user', name: 'Caroline', content: 'I went to the LGBTQ support group yesterday.', createdAt: '2023-05-08T13:56:00Z' },
  { role: 'user', name: 'Melanie', content: 'Wow, how did it go?', createdAt: '2023-05-08T13:57:00Z' },
  { role: 'user', name: 'Caroline', content: 'It was powerful. The stories inspired me.', createdAt: '2023-05-08T13:58:00Z' },
  { role: 'user', name: 'Melanie', content: 'Yes!', createdAt: '2023-05-08T13:59:00Z' },
  { role: 'user', name: 'Caroline', content: 'I am thinking about counseling as a career.', createdAt: '2023-05-08T14:00:00Z' },
];

function assertClose(actual: Float32Array | undefined, expected: Float32Array, label: string): void {
  assert.ok(actual, `${label}: has a vector`);
  const worst = Math.max(...expected.map((v, i) => Math.abs(v - actual[i]!)));
  assert.ok(worst < 1e-5, `${label}: differs by ${worst}`);
}

async function openStoreAt(kind: StoreKind, location: Awaited<ReturnType<typeof testLocation>>): Promise<Store> {
  return kind === 'sqlite' ? openSqliteStore(path.join(location.dataDir!, 'agent-mem.db')) : openPostgresStore(location.databaseUrl!);
}

for (const kind of STORE_KINDS) {
  describe(`addMessages (${kind})`, () => {
    const embedder = new CountingEmbedder();
    let location: Awaited<ReturnType<typeof testLocation>>;
    let mem: AgentMem;
    let store: Store;
    const clock = new Date('2026-03-01T10:00:00.000Z');
    before(async () => {
      location = await testLocation(kind);
      mem = await AgentMem.open({ ...location, tenantId: 'acme', embedder, now: () => clock });
      store = await openStoreAt(kind, location);
    });
    after(async () => {
      await store.close();
      await mem.close();
    });

    const indexed = async (externalId: string, ids: string[]) => store.searchIndex.getVectors({ tenantId: 'acme', externalId }, 'episode', ids);

    it('stores messages as conversation turns of a session, in input order, and continues a session', async () => {
      const first = await mem.addMessages({
        externalId: 'chat',
        messages: [
          { role: 'user', content: 'I adopted a cat named Miso.', metadata: { messageId: 'm1' } },
          { role: 'assistant', content: 'Congratulations on Miso!' },
        ],
      });
      const sessionId = first[0]!.sessionId!;
      assert.ok(sessionId, 'a new session was made');
      assert.deepEqual(
        first.map((e) => [e.type, e.text, e.speaker, e.position, e.sessionId, e.tags, e.metadata, e.occurredAt]),
        [
          ['conversation_turn', 'user: I adopted a cat named Miso.', 'user', 0, sessionId, ['user'], { messageId: 'm1' }, clock.toISOString()],
          ['conversation_turn', 'assistant: Congratulations on Miso!', 'assistant', 1, sessionId, ['assistant'], {}, clock.toISOString()],
        ],
      );
      const next = await mem.addMessages({ externalId: 'chat', sessionId, messages: [{ role: 'tool', name: 'vet-api', content: 'Next check-up: 12 May.' }] });
      assert.deepEqual([next[0]!.position, next[0]!.speaker], [2, 'vet-api']);
      const other = await mem.addMessages({ externalId: 'chat', messages: [{ role: 'system', content: 'Be brief.' }] });
      assert.notEqual(other[0]!.sessionId, sessionId);
      assert.equal(other[0]!.position, 0);
      const read = await mem.getEpisode({ externalId: 'chat', episodeId: next[0]!.id });
      assert.deepEqual([read.sessionId, read.position, read.speaker], [sessionId, 2, 'vet-api']);
    });

    it('gives turns added one at a time the vectors one call gives, embedding each text once', async () => {
      const batch = await mem.addMessages({ externalId: 'batch', sessionId: 's1', messages: CHAT });
      embedder.embedded.length = 0;
      const live: Episode[] = [];
      for (const message of CHAT) live.push(...(await mem.addMessages({ externalId: 'live', sessionId: 's1', messages: [message] })));
      assert.deepEqual(embedder.embedded, batch.map((e) => e.text), 'each text embedded exactly once, in order');

      const own = await new LocalEmbedder().embed(batch.map((e) => e.text));
      const expected = mixNeighbours(own, own.map((_, i) => i < own.length - 1));
      const batchVectors = await indexed('batch', batch.map((e) => e.id));
      const liveVectors = await indexed('live', live.map((e) => e.id));
      expected.forEach((vector, i) => {
        assertClose(batchVectors.get(batch[i]!.id), vector, `batch turn ${i}`);
        assertClose(liveVectors.get(live[i]!.id), vector, `live turn ${i}`);
      });
    });

    it('keeps positions unique and neighbours right when messages of one session arrive at once', async () => {
      const texts = Array.from({ length: 8 }, (_, i) => `Message number ${i} about the garden plan.`);
      embedder.gather(texts.length);
      const stored = (await Promise.all(texts.map((content) => mem.addMessages({ externalId: 'racing', sessionId: 'r', messages: [{ role: 'user', content }] })))).flat();
      const inOrder = [...stored].sort((a, b) => a.position! - b.position!);
      assert.deepEqual(inOrder.map((e) => e.position), [0, 1, 2, 3, 4, 5, 6, 7]);
      const own = await new LocalEmbedder().embed(inOrder.map((e) => e.text));
      const expected = mixNeighbours(own, own.map((_, i) => i < own.length - 1));
      const vectors = await indexed('racing', inOrder.map((e) => e.id));
      expected.forEach((vector, i) => assertClose(vectors.get(inOrder[i]!.id), vector, `turn at position ${i}`));
    });

    it('finds a session by sessionId, says each result’s session, and drops results under minScore', async () => {
      await mem.addMessages({ externalId: 'sessions', sessionId: 'garden', messages: [{ role: 'user', content: 'The tomatoes need water every morning.' }] });
      await mem.addMessages({ externalId: 'sessions', sessionId: 'kitchen', messages: [{ role: 'user', content: 'The tomatoes go into the sauce tonight.' }] });
      await mem.addEpisode({ externalId: 'sessions', text: 'Bought tomatoes at the market.' });
      const all = await mem.retrieveMemories({ externalId: 'sessions', query: 'tomatoes' });
      assert.equal(all.length, 3);
      const garden = await mem.retrieveMemories({ externalId: 'sessions', query: 'tomatoes', sessionId: 'garden' });
      assert.deepEqual(
        garden.map((r) => [r.content, r.provenance.sessionId, r.provenance.position, r.provenance.speaker]),
        [['user: The tomatoes need water every morning.', 'garden', 0, 'user']],
      );
      const threshold = all[1]!.score;
      const strong = await mem.retrieveMemories({ externalId: 'sessions', query: 'tomatoes', minScore: threshold });
      assert.ok(strong.length >= 1 && strong.length < 3 && strong.every((r) => r.score >= threshold));
      assert.deepEqual(await mem.retrieveMemories({ externalId: 'sessions', query: 'tomatoes', minScore: 10 }), []);
      await assert.rejects(mem.retrieveMemories({ externalId: 'sessions', query: 'tomatoes', minScore: 11 }), (e: unknown) => e instanceof ValidationError && e.issues[0]?.field === 'minScore');
    });

    it('contextFor can keep a session’s matched turns together, in the order they were said', async () => {
      await mem.addMessages({
        externalId: 'ctx',
        sessionId: 'trip',
        messages: [
          { role: 'user', content: 'We fly to Kyoto on the 3rd of April.' },
          { role: 'assistant', content: 'Shall I book a ryokan in Kyoto?' },
          { role: 'user', content: 'Yes, a ryokan in Kyoto near the station.' },
        ],
      });
      await mem.addEpisode({ externalId: 'ctx', text: 'Kyoto ryokan prices doubled in April.' });
      const ranked = await mem.contextFor({ externalId: 'ctx', task: 'Kyoto ryokan', maxTokens: 2000 });
      const grouped = await mem.contextFor({ externalId: 'ctx', task: 'Kyoto ryokan', maxTokens: 2000, groupBySession: true });
      assert.deepEqual(new Set(grouped.memories.map((m) => m.id)), new Set(ranked.memories.map((m) => m.id)));
      const positions = grouped.memories.flatMap((m) => (m.provenance.sessionId === 'trip' ? [m.provenance.position] : []));
      assert.deepEqual(positions, [0, 1, 2]);
      const firstTurn = grouped.memories.findIndex((m) => m.provenance.sessionId === 'trip');
      assert.deepEqual(grouped.memories.slice(firstTurn, firstTurn + 3).map((m) => m.provenance.position), [0, 1, 2], 'the turns are adjacent');
      assert.match(grouped.prompt, /- \[2026-03-01 · episode\] user: We fly to Kyoto[^\n]*\n- \[2026-03-01 · episode\] assistant: Shall I book/);
      const sessionOnly = await mem.contextFor({ externalId: 'ctx', task: 'Kyoto ryokan', sessionId: 'trip', minScore: -1 });
      assert.ok(sessionOnly.memories.length === 3 && sessionOnly.memories.every((m) => m.provenance.sessionId === 'trip'));
    });

    it('rejects bad messages with the field and reason, writing nothing', async () => {
      const cases: Array<[unknown, string]> = [
        [{ externalId: 'bad', messages: [] }, 'messages'],
        [{ externalId: 'bad', messages: [{ role: 'narrator', content: 'Once upon a time' }] }, 'messages.0.role'],
        [{ externalId: 'bad', messages: [{ role: 'user', content: 'x'.repeat(100_001) }] }, 'messages.0.content'],
        [{ externalId: 'bad', messages: [{ role: 'user', content: 'hi', createdAt: 'yesterday' }] }, 'messages.0.createdAt'],
        [{ externalId: 'bad', messages: [{ role: 'user', content: 'hi', mood: 'happy' }] }, 'messages.0.mood'],
        [{ externalId: 'bad', sessionId: '', messages: [{ role: 'user', content: 'hi' }] }, 'sessionId'],
      ];
      for (const [input, field] of cases) {
        await assert.rejects(mem.addMessages(input as never), (e: unknown) => {
          assert.ok(e instanceof ValidationError, String(e));
          assert.equal(e.issues[0]?.field, field, e.message);
          assert.ok(e.issues[0]!.reason.length > 0);
          return true;
        });
      }
      assert.deepEqual((await mem.listEpisodes({ externalId: 'bad' })).items, []);
    });
  });
}
