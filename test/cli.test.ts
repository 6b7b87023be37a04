import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli } from './support/cli.js';
import { storeEnv } from './support/server.js';
import { STORE_KINDS, tempDir } from './support/stores.js';

// Each run starts a process that loads the whole library, so the suites of both stores run side by side.
describe('agent-mem CLI', { concurrency: true }, () => {
  for (const kind of STORE_KINDS) {
    describe(kind, { concurrency: 1 }, () => {
      let env: NodeJS.ProcessEnv;
      const cli = async (...args: string[]) => {
        const result = await runCli(args, env);
        assert.equal(result.code, 0, `agent-mem ${args.join(' ')} failed: ${result.stderr}`);
        return result;
      };
      const json = async (...args: string[]) => JSON.parse((await cli('--json', ...args)).stdout);
      before(async () => (env = await storeEnv(kind)));

      it('records episodes and facts, finds them, and shows the tiers as a tree', async () => {
        const episode = await json('add', 'alice', 'Booked a ryokan in Kyoto for April', '--tag', 'travel', '--importance', '0.8');
        assert.deepEqual([episode.text, episode.tags, episode.importance], ['Booked a ryokan in Kyoto for April', ['travel'], 0.8]);
        assert.equal((await json('add', 'alice', '--fact', 'user.city', 'Lisbon')).value, 'Lisbon');
        const found = await json('search', 'alice', 'ryokan', 'Kyoto', '--limit', '3');
        assert.equal(found.results[0].id, episode.id);
        const tree = (await cli('inspect', 'alice')).stdout;
        assert.match(tree, /^alice\n/);
        assert.match(tree, /episodes \(newest 1\)\n│  └─ .*Booked a ryokan in Kyoto/);
        assert.match(tree, /└─ 1 fact\n   └─ user\.city = Lisbon/);
      });

      it('consolidates and runs sleep cycles', async () => {
        assert.deepEqual((await json('consolidate', 'alice')).runs, []);
        const sleep = await json('sleep');
        assert.deepEqual(sleep.reports.map((r: { externalId: string }) => r.externalId), ['alice']);
      });

      it('exports everything as JSON lines and imports it into another tenant', async () => {
        const file = path.join(tempDir(), 'export.jsonl');
        await cli('export', '--out', file);
        const records = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
        assert.deepEqual(records.map((r) => `${r.kind}:${r.externalId}`).sort(), ['episode:alice', 'fact:alice']);
        assert.deepEqual((await json('--tenant', 'copy', 'import', file)).imported, { active_memory: 0, episode: 1, fact: 1 });
        const copied = await json('--tenant', 'copy', 'inspect', 'alice');
        const episode = records.find((r) => r.kind === 'episode');
        assert.deepEqual(copied.episodes.map((e: { text: string; occurredAt: string }) => [e.text, e.occurredAt]), [[episode.text, episode.occurredAt]]);
        assert.equal(copied.facts[0].value, 'Lisbon');
      });

      it('fails with a readable message and a non-zero exit code, writing nothing', async () => {
        const invalid = await runCli(['add', ' ', 'text'], env);
        assert.equal(invalid.code, 2);
        assert.match(invalid.stderr, /^agent-mem: invalid addEpisode input: externalId: must be a non-empty string/);
        const missing = await runCli(['consolidate', 'alice', 'no-such-memory'], env);
        assert.equal(missing.code, 3);
        assert.match(missing.stderr, /active memory no-such-memory not found/);
        const badLine = await runCli(['--tenant', 'broken', 'import'], env, '{"kind":"episode","externalId":"bob","text":"ok"}\n{"kind":"episode","externalId":"bob","importance":7}\n');
        assert.equal(badLine.code, 2);
        assert.match(badLine.stderr, /line 2: .*importance/);
        assert.deepEqual((await json('--tenant', 'broken', 'inspect', 'bob')).episodes, []);
        const usage = await runCli(['search'], env);
        assert.equal(usage.code, 1);
        assert.match(usage.stderr, /missing required argument 'externalId'/);
      });

      it('migrates, tells the status, re-embeds and benchmarks with progress', async () => {
        const migrated = await json('migrate');
        assert.deepEqual([migrated.migrated, migrated.store.kind], [true, kind]);
        const status = await json('status');
        assert.deepEqual([status.store.kind, status.store.vectors, status.embedder], [kind, kind === 'sqlite' ? 'sqlite-vec' : 'pgvector-hnsw', { id: 'local:use-en-512', dimensions: 512 }]);
        assert.ok(status.store.schemaVersion >= 3);
        assert.equal(status.store.pool === undefined, kind === 'sqlite');
        assert.match((await cli('status')).stdout, new RegExp(`^store     ${kind}, schema version \\d+, vectors `, 'm'));
        const reembed = await cli('--json', 'reembed');
        assert.ok(JSON.parse(reembed.stdout).items >= 2);
        assert.match(reembed.stderr, /re-embedded \d+ texts/);
        const bench = await cli('--json', 'bench', '--episodes', '50', '--updates', '4', '--searches', '4');
        const { results } = JSON.parse(bench.stdout);
        assert.deepEqual(results.map((r: { count: number }) => r.count), [1, 4, 4]);
        assert.ok(results.every((r: { opsPerSecond: number; p95Ms: number }) => r.opsPerSecond > 0 && r.p95Ms >= 0));
        assert.match(bench.stderr, /retrieveMemories \(limit 10\): 4\/4/);
      });

      it('records a chat from JSON lines as one session, continues it, and finds it by session', async () => {
        const chat = [
          { role: 'user', name: 'Ana', content: 'My sister Lucia moves to Porto in June.', createdAt: '2026-04-02T09:00:00Z' },
          { role: 'assistant', content: 'Noted: Lucia, Porto, June.' },
        ];
        const file = path.join(tempDir(), 'chat.jsonl');
        fs.writeFileSync(file, `${chat.map((m) => JSON.stringify(m)).join('\n')}\n\n`);
        const added = await json('add-chat', 'nina', file);
        assert.deepEqual(added.episodes.map((e: { text: string; position: number }) => [e.text, e.position]), [['Ana: My sister Lucia moves to Porto in June.', 0], ['assistant: Noted: Lucia, Porto, June.', 1]]);
        const more = await runCli(['add-chat', 'nina', '-', '--session', added.sessionId], env, '{"role":"user","name":"Ana","content":"She starts work there in July."}\n');
        assert.equal(more.code, 0, more.stderr);
        assert.equal(more.stdout.trim(), `1 messages recorded in session ${added.sessionId}`);
        const found = await json('search', 'nina', 'Lucia', 'Porto', '--session', added.sessionId, '--min-score', '0');
        assert.equal(found.results.length, 3);
        assert.ok(found.results.every((r: { provenance: { sessionId: string } }) => r.provenance.sessionId === added.sessionId));

        const badRole = await runCli(['add-chat', 'nina2', '-'], env, '{"role":"user","content":"fine"}\n{"role":"narrator","content":"Once"}\n');
        assert.equal(badRole.code, 2);
        assert.match(badRole.stderr, /^agent-mem: line 2: .*role: must be one of user, assistant, system, tool/);
        const notJson = await runCli(['add-chat', 'nina2', '-'], env, '{"role":"user","content":"fine"}\nnot json\n');
        assert.equal(notJson.code, 2);
        assert.match(notJson.stderr, /line 2: not JSON/);
        const empty = await runCli(['add-chat', 'nina2', '-'], env, '\n');
        assert.equal(empty.code, 2);
        assert.match(empty.stderr, /messages: needs at least one message/);
        assert.deepEqual((await json('inspect', 'nina2')).episodes, []);
      });
    });
  }
});
