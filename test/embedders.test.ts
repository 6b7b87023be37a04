import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { MockEmbeddingModelV3 } from 'ai/test';
import { AgentMem } from '../src/agent-mem.js';
import { createAiSdkEmbedder } from '../src/ai/ai-sdk-embedder.js';
import { createEmbedder } from '../src/ai/create-embedder.js';
import { dot } from '../src/ai/embedder.js';
import { EmbedDispatcher, embeddedTexts } from '../src/ai/embed-dispatcher.js';
import { EmbedWorker } from '../src/ai/embed-workers.js';
import { LocalEmbedder } from '../src/ai/local-embedder.js';
import { embedHere, MODEL_BATCH } from '../src/ai/local-model.js';
import { ConfigError, ConflictError } from '../src/errors.js';
import { STORE_KINDS, testLocation } from './support/stores.js';

/** A deterministic AI SDK embedding model: one axis per distinct first word, `dimension` long. */
function mockModel(modelId: string, dimension: number): MockEmbeddingModelV3 {
  return new MockEmbeddingModelV3({
    provider: 'mock',
    modelId,
    doEmbed: async ({ values }) => ({
      embeddings: values.map((text) => {
        const v = new Array<number>(dimension).fill(0.01);
        for (const word of text.toLowerCase().split(/\W+/).filter(Boolean)) v[[...word].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % dimension, 7)]! += 1;
        return v;
      }),
      warnings: [],
    }),
  });
}

describe('embedders', () => {
  it('embeds with the bundled local model: 512-d unit vectors, similar texts closer', async () => {
    const embedder = new LocalEmbedder();
    const [cat, kitten, tax] = await embedder.embed(['The cat sleeps on the sofa.', 'A kitten naps on the couch.', 'Quarterly tax filing deadline']);
    assert.equal(embedder.id, 'local:use-en-512');
    for (const v of [cat!, kitten!, tax!]) {
      assert.equal(v.length, 512);
      assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-4);
    }
    assert.ok(dot(cat!, kitten!) > dot(cat!, tax!));
    assert.deepEqual(await embedder.embed([]), []);
  });

  it('shares large calls with a worker thread: the same vectors, in input order', async () => {
    const texts = Array.from({ length: 3 * MODEL_BATCH + 5 }, (_, i) => `turn ${i}: ${'more words '.repeat(i % 13)}about topic ${i % 7}`);
    const onWorker = await new EmbedWorker().embed(texts.slice(0, MODEL_BATCH));
    const here = await embedHere(texts.slice(0, MODEL_BATCH));
    onWorker.forEach((v, i) => assert.ok(v.every((x, k) => Math.abs(x - here[i]![k]!) <= 1e-6), `worker vector ${i}`));
    const alone = await new LocalEmbedder({ workers: 0 }).embed(texts);
    const shared = await new LocalEmbedder({ workers: 1 }).embed(texts);
    assert.equal(shared.length, texts.length);
    shared.forEach((v, i) => assert.ok(dot(v, alone[i]!) > 0.99999, `vector ${i} in input order`));
  });

  it('embeds concurrent small calls on the warm workers, together, with the vectors of the calling thread', async () => {
    const embedder = new LocalEmbedder({ workers: 2 });
    await embedder.embed(Array.from({ length: MODEL_BATCH + 1 }, (_, i) => `warming note ${i}`));
    const calls = Array.from({ length: 24 }, (_, i) => (i % 5 === 0 ? [`Where did person ${i} travel?`, `What does person ${i} eat?`, 'Which team won?'] : [`What did person ${i} say about topic ${i % 7}?`]));
    const before = { ...embeddedTexts };
    const results = await Promise.all(calls.map((texts) => embedder.embed(texts)));
    assert.equal(embeddedTexts.worker - before.worker, calls.flat().length, 'every text embedded on a worker');
    assert.equal(embeddedTexts.calling - before.calling, 0);
    for (const [i, texts] of calls.entries()) {
      const here = await embedHere(texts);
      assert.equal(results[i]!.length, texts.length);
      results[i]!.forEach((v, j) => assert.ok(v.every((x, k) => Math.abs(x - here[j]![k]!) <= 1e-6), `call ${i}, text ${j}: the calling thread's vector`));
    }
  });

  it('gives merged small calls the event loop’s core while it idles, and leaves it to the loop while it is busy', { skip: os.availableParallelism() < 2 && 'needs two cores' }, async () => {
    const workers = [new EmbedWorker(), new EmbedWorker()];
    await Promise.all(workers.map((w) => w.embed(['warming note'])));
    const dispatcher = new EmbedDispatcher(workers);
    const burst = () => Array.from({ length: 12 }, (_, i) => dispatcher.embedSmall([`What did person ${i} say about topic ${i % 5}?`]));
    const busyWorkers = () => workers.filter((w) => w.inFlight > 0).length;

    await sleep(400); // an idle loop for a whole measuring window
    const idle = burst();
    assert.equal(busyWorkers(), 2, 'an idle loop: both workers embed at once');
    await Promise.all(idle);

    const until = performance.now() + 1000; // a loop that does not idle: most of the window that ends at the burst
    while (performance.now() < until);
    const busy = burst();
    assert.equal(busyWorkers(), 1, 'a busy loop: one merged call at a time');
    await Promise.all(busy);
  });

  it('lets the process exit once embedding is done: an idle worker holds nothing open', async () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/scripts/embed-with-worker.ts'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.signal, null, 'the process ended by itself, not by the timeout');
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout.trim(), '100 vectors');
  });

  it('wraps an AI SDK embedding model: id, probed dimension, unit vectors in input order', async () => {
    const model = mockModel('tiny', 16);
    const embedder = await createAiSdkEmbedder(model);
    assert.equal(embedder.id, 'mock:tiny');
    assert.equal(embedder.dimensions, 16);
    const [a, b] = await embedder.embed(['alpha beta', 'gamma']);
    assert.ok(Math.abs(Math.hypot(...a!) - 1) < 1e-6);
    assert.ok(dot(a!, b!) < 0.9);
    assert.deepEqual(model.doEmbedCalls.flatMap((c) => c.values).slice(-2), ['alpha beta', 'gamma']);
    const declared = await createAiSdkEmbedder(mockModel('declared', 8), { dimensions: 8 });
    assert.equal(declared.dimensions, 8);
    await assert.rejects(createAiSdkEmbedder(mockModel('wrong', 8), { dimensions: 4 }).then((e) => e.embed(['x'])), /8-dimensional vector, expected 4/);
  });

  it('builds embedders from AGENT_MEM_EMBEDDINGS without calling the network', async () => {
    const openai = await createEmbedder('openai:text-embedding-3-small', {});
    assert.equal(openai.dimensions, 1536);
    assert.match(openai.id, /openai.*:text-embedding-3-small$/);
    const compatible = await createEmbedder('openai-compatible:http://127.0.0.1:9/v1#nomic-embed-text', { AGENT_MEM_EMBEDDINGS_DIMENSIONS: '768' });
    assert.equal(compatible.dimensions, 768);
    assert.match(compatible.id, /nomic-embed-text$/);
    assert.ok((await createEmbedder('local', {})) instanceof LocalEmbedder);
    await assert.rejects(createEmbedder('word2vec', {}), (e: unknown) => e instanceof ConfigError && /AGENT_MEM_EMBEDDINGS.*word2vec/.test((e as Error).message));
    await assert.rejects(createEmbedder('anthropic:claude', {}), ConfigError);
    await assert.rejects(createEmbedder('openai-compatible:nohost', {}), /openai-compatible:<baseURL>#<model>/);
    await assert.rejects(createEmbedder('openai-compatible:http://x/v1#m', { AGENT_MEM_EMBEDDINGS_DIMENSIONS: 'many' }), /AGENT_MEM_EMBEDDINGS_DIMENSIONS/);
    assert.ok((await createEmbedder('local', { AGENT_MEM_EMBEDDING_WORKERS: '0' })) instanceof LocalEmbedder);
    await assert.rejects(createEmbedder('local', { AGENT_MEM_EMBEDDING_WORKERS: '-1' }), /AGENT_MEM_EMBEDDING_WORKERS must be a whole number/);
  });

  for (const kind of STORE_KINDS) {
    it(`refuses a store made by another embedder, naming both, until reembed (${kind})`, async () => {
      const location = await testLocation(kind);
      const first = await AgentMem.open({ ...location, embedder: mockModel('first', 8) });
      const stored = await first.addEpisodes({ externalId: 'agent', episodes: [{ text: 'apples grow in orchards' }, { text: 'rockets fly to orbit' }] });
      await first.close();

      await assert.rejects(AgentMem.open({ ...location, embedder: mockModel('second', 12) }), (e: unknown) => {
        return e instanceof ConflictError && e.message.includes('"mock:first"') && e.message.includes('"mock:second"') && /reembed/.test(e.message);
      });

      const progress: number[] = [];
      const result = await AgentMem.reembed({ ...location, embedder: mockModel('second', 12), pageSize: 1, onProgress: (n) => progress.push(n) });
      assert.deepEqual(result, { items: 2, embedder: 'mock:second' });
      assert.deepEqual(progress, [1, 2]);

      const second = await AgentMem.open({ ...location, embedder: mockModel('second', 12) });
      const [top] = await second.retrieveMemories({ externalId: 'agent', query: 'rockets', tiers: ['episode'] });
      assert.equal(top?.id, stored[1]!.id);
      assert.ok(top?.scores.vector !== undefined, 'the re-embedded vector was searched');
      await second.close();
    });
  }
});
