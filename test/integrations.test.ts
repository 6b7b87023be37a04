import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { generateText, simulateReadableStream, streamText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { AgentMem } from '../src/agent-mem.js';
import { ValidationError } from '../src/errors.js';
import { memoryMiddleware, type MiddlewareMemory } from '../src/index.js';
import type { Episode, Fact } from '../src/index.js';
import type { SleepReport } from '../src/sleep/report.js';
import { STORE_KINDS, testLocation } from './support/stores.js';
import { scriptedModel } from './sleep-scripted-model.js';

const run = promisify(execFile);

function streamingModel(deltas: string[]): MockLanguageModelV3 {
  const chunks: LanguageModelV3StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...deltas.map((delta) => ({ type: 'text-delta' as const, id: 't', delta })),
    { type: 'text-end', id: 't' },
    {
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 1, text: 1, reasoning: undefined } },
    },
  ];
  return new MockLanguageModelV3({ doStream: async () => ({ stream: simulateReadableStream({ chunks }) }) });
}

const systemMessages = (model: MockLanguageModelV3, call = 0) =>
  (model.doGenerateCalls[call] ?? model.doStreamCalls[call])!.prompt.filter((m) => m.role === 'system').map((m) => m.content as string);

for (const kind of STORE_KINDS) {
  describe(`agent integration (${kind})`, () => {
    let location: Awaited<ReturnType<typeof testLocation>>;
    let mem: AgentMem;
    before(async () => {
      location = await testLocation(kind);
      mem = await AgentMem.open({ ...location, tenantId: 'acme' });
      await mem.putFact({ externalId: 'alice', key: 'user.preference.drink', value: 'green tea', category: 'preference' });
      await mem.addEpisodes({
        externalId: 'alice',
        episodes: [
          { text: 'Alice ordered a green tea at the station café.', type: 'preference' },
          { text: 'Alice booked a ryokan in Kyoto for April.' },
          { text: 'Alice asked about train passes for Japan.' },
        ],
      });
    });
    after(() => mem.close());

    it('contextFor returns ranked memories of every tier and a prompt block', async () => {
      const block = await mem.contextFor({ externalId: 'alice', task: 'Which drink should I order for Alice, tea or coffee?' });
      assert.ok(block.memories.some((m) => m.tier === 'fact' && m.content.includes('green tea')));
      assert.ok(block.memories.some((m) => m.tier === 'episode'));
      assert.match(block.prompt, /^<memory>\n/);
      assert.match(block.prompt, /\n- \[\d{4}-\d\d-\d\d · fact\] user\.preference\.drink: green tea/);
      assert.match(block.prompt, /\n<\/memory>$/);
      assert.equal(block.prompt.split('\n').length, block.memories.length + 3);
    });

    it('contextFor keeps the block within maxTokens and is empty for an unknown scope', async () => {
      const full = await mem.contextFor({ externalId: 'alice', task: 'Alice trip to Japan', maxTokens: 2000 });
      const small = await mem.contextFor({ externalId: 'alice', task: 'Alice trip to Japan', maxTokens: 50 });
      assert.ok(small.estimatedTokens <= 50);
      assert.ok(small.memories.length < full.memories.length);
      const ids = (block: typeof full) => block.memories.map((m) => m.id);
      assert.deepEqual(ids(small), ids(full).slice(0, small.memories.length));
      assert.deepEqual(await mem.contextFor({ externalId: 'nobody', task: 'anything' }), { memories: [], prompt: '', estimatedTokens: 0 });
      await assert.rejects(mem.contextFor({ externalId: 'alice', task: ' ' }), (e: unknown) => e instanceof ValidationError && e.issues[0]?.field === 'task');
    });

    it('recordOutcome stores a task_outcome episode', async () => {
      const episode = await mem.recordOutcome({ externalId: 'bob', task: 'Book a table for two', outcome: 'The restaurant was full', success: false, metadata: { attempt: 2 } });
      assert.equal(episode.type, 'task_outcome');
      assert.deepEqual(episode.tags, ['task_outcome', 'failure']);
      assert.deepEqual(episode.metadata, { attempt: 2, task: 'Book a table for two', outcome: 'The restaurant was full', success: false });
      assert.match(episode.text, /Book a table for two[\s\S]*failure[\s\S]*restaurant was full/);
      const listed = await mem.listEpisodes({ externalId: 'bob', types: ['task_outcome'] });
      assert.deepEqual(listed.items.map((e) => e.id), [episode.id]);
      await assert.rejects(mem.recordOutcome({ externalId: 'bob', task: 't', outcome: 'o' } as never), (e: unknown) => e instanceof ValidationError && e.issues[0]?.field === 'success');
      assert.equal((await mem.listEpisodes({ externalId: 'bob' })).items.length, 1);
    });

    it('the middleware injects memories after the system prompt and records the exchange (generate)', async () => {
      const model = scriptedModel(['Green tea, as usual.']);
      const wrapped = wrapLanguageModel({ model, middleware: memoryMiddleware({ mem, externalId: 'alice' }) });
      const { text } = await generateText({ model: wrapped, system: 'You are a concierge.', prompt: 'What drink should I get Alice?' });
      assert.equal(text, 'Green tea, as usual.');
      const [own, memory] = systemMessages(model);
      assert.equal(own, 'You are a concierge.');
      assert.match(memory ?? '', /<memory>[\s\S]*green tea/);
      await mem.whenIdle();
      const turns = await mem.listEpisodes({ externalId: 'alice', types: ['conversation_turn'] });
      assert.deepEqual(turns.items.map((e) => e.text).sort(), ['assistant: Green tea, as usual.', 'user: What drink should I get Alice?']);
    });

    it('the middleware records streamed answers once the stream ends, and can skip recording', async () => {
      const model = streamingModel(['Kyoto ', 'in ', 'April.']);
      const wrapped = wrapLanguageModel({ model, middleware: memoryMiddleware({ mem, externalId: 'carol' }) });
      const result = streamText({ model: wrapped, prompt: 'Where am I going?' });
      assert.equal(await result.text, 'Kyoto in April.');
      await mem.whenIdle();
      const turns = await mem.listEpisodes({ externalId: 'carol', types: ['conversation_turn'] });
      assert.deepEqual(turns.items.map((e) => e.text).sort(), ['assistant: Kyoto in April.', 'user: Where am I going?']);
      // A scope with no memories gets no block.
      assert.deepEqual(systemMessages(model), []);

      const quiet = wrapLanguageModel({ model: scriptedModel(['ok']), middleware: memoryMiddleware({ mem, externalId: 'dave', record: false }) });
      await generateText({ model: quiet, prompt: 'hello' });
      await mem.whenIdle();
      assert.deepEqual((await mem.listEpisodes({ externalId: 'dave' })).items, []);
    });

    it('the middleware records the user message once across the steps of a tool loop', async () => {
      const model = scriptedModel(['']);
      const wrapped = wrapLanguageModel({ model, middleware: memoryMiddleware({ mem, externalId: 'frank' }) });
      const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Check the weather' }] }];
      await wrapped.doGenerate({ prompt });
      await wrapped.doGenerate({
        prompt: [
          ...prompt,
          { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: '{}' }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'weather', output: { type: 'text', value: 'sunny' } }] },
        ],
      });
      await mem.whenIdle();
      const turns = await mem.listEpisodes({ externalId: 'frank' });
      assert.deepEqual(turns.items.map((e) => e.text), ['user: Check the weather']);
    });

    it('the middleware answers before the exchange is recorded; whenIdle waits for it', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const calls: string[] = [];
      const slowMem: MiddlewareMemory = {
        contextFor: (input) => mem.contextFor(input),
        addMessages: async (input) => {
          calls.push('addMessages started');
          await gate;
          return mem.addMessages(input);
        },
        runInBackground: (name, task) => mem.runInBackground(name, task),
      };
      const wrapped = wrapLanguageModel({ model: scriptedModel(['Noted.']), middleware: memoryMiddleware({ mem: slowMem, externalId: 'grace', sessionId: 'g1' }) });
      const { text } = await generateText({ model: wrapped, prompt: 'I moved to Porto.' });
      assert.equal(text, 'Noted.');
      assert.deepEqual(calls, ['addMessages started'], 'recording started but has not finished');
      assert.deepEqual((await mem.listEpisodes({ externalId: 'grace' })).items, []);
      let idle = false;
      const waiting = mem.whenIdle().then(() => (idle = true));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(idle, false, 'whenIdle waits for the pending record');
      release();
      await waiting;
      const turns = (await mem.listEpisodes({ externalId: 'grace' })).items.sort((a, b) => a.position! - b.position!);
      assert.deepEqual(turns.map((e) => [e.text, e.sessionId, e.position]), [['user: I moved to Porto.', 'g1', 0], ['assistant: Noted.', 'g1', 1]]);
    });

    it('the middleware keeps one session per conversation, in order, and reports failures to onRecordError', async () => {
      const wrapped = wrapLanguageModel({ model: scriptedModel(['Hi Hana!', 'Lisbon in May.', 'Hello again.']), middleware: memoryMiddleware({ mem, externalId: 'hana' }) });
      const opening = { role: 'user' as const, content: 'Hi, I am Hana.' };
      await generateText({ model: wrapped, messages: [opening] });
      await generateText({ model: wrapped, messages: [opening, { role: 'assistant', content: 'Hi Hana!' }, { role: 'user', content: 'Where do I travel next?' }] });
      await generateText({ model: wrapped, messages: [{ role: 'user', content: 'A different chat.' }] });
      await mem.whenIdle();
      const turns = (await mem.listEpisodes({ externalId: 'hana' })).items;
      const sessions = new Map<string, string[]>();
      for (const t of turns.sort((a, b) => a.position! - b.position!)) sessions.set(t.sessionId!, [...(sessions.get(t.sessionId!) ?? []), t.text]);
      assert.deepEqual(
        [...sessions.values()].sort((a, b) => b.length - a.length),
        [['user: Hi, I am Hana.', 'assistant: Hi Hana!', 'user: Where do I travel next?', 'assistant: Lisbon in May.'], ['user: A different chat.', 'assistant: Hello again.']],
      );

      const failures: unknown[] = [];
      const broken: MiddlewareMemory = {
        contextFor: (input) => mem.contextFor(input),
        addMessages: () => Promise.reject(new Error('store is down')),
        runInBackground: (name, task) => mem.runInBackground(name, task),
      };
      const failing = wrapLanguageModel({ model: scriptedModel(['Still answered.']), middleware: memoryMiddleware({ mem: broken, externalId: 'ivan', onRecordError: (e) => failures.push(e) }) });
      assert.equal((await generateText({ model: failing, prompt: 'hello' })).text, 'Still answered.');
      await mem.whenIdle();
      assert.deepEqual(failures.map((e) => (e as Error).message), ['store is down']);
    });

    it('a second process over the same store sees episodes, facts and sleep reports', async () => {
      await mem.addEpisodes({ externalId: 'eve', episodes: [{ text: 'Eve drinks oolong tea every afternoon.' }, { text: 'Eve bought more oolong tea leaves.' }] });
      await mem.runSleepCycle({ externalId: 'eve' });
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/integrations-read-back.ts', JSON.stringify(location), 'eve'], { env: process.env });
      const seen = JSON.parse(stdout) as { episodes: Episode[]; facts: Fact[]; reports: SleepReport[] };
      assert.equal(seen.episodes.length, 2);
      assert.ok(seen.episodes.every((e) => e.status === 'consolidated'));
      assert.equal(seen.facts.length, 1);
      assert.deepEqual(new Set(seen.facts[0]!.evidenceIds), new Set(seen.episodes.map((e) => e.id)));
      assert.equal(seen.reports[0]?.factsCreated, 1);
    });
  });
}
