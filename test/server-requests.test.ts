import assert from 'node:assert/strict';
import http from 'node:http';
import type { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { AgentMem } from '../src/agent-mem.js';
import { startServer, type RunningServer } from '../src/server/start.js';
import { apiClient, type ApiClient } from './support/http.js';
import { openTestMem } from './support/stores.js';

const MAX_BODY_BYTES = 64 * 1024;

interface Sent {
  status: number;
  body: any;
  socket: Socket;
}

/** One request through `agent`; a body given as an array is sent in chunks, without a Content-Length. */
function send(agent: http.Agent, url: string, method: string, path: string, body: string | string[], headers: Record<string, string> = {}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const chunked = Array.isArray(body);
    const request = http.request(`${url}${path}`, {
      agent,
      method,
      headers: { authorization: 'Bearer key-a', 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': Buffer.byteLength(body) }), ...headers },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, body: text ? JSON.parse(text) : undefined, socket: request.socket! }));
    });
    for (const chunk of chunked ? body : [body]) request.write(chunk);
    request.end();
  });
}

describe('REST request handling', () => {
  let mem: AgentMem;
  let server: RunningServer;
  let a: ApiClient;
  before(async () => {
    mem = await openTestMem('sqlite');
    server = await startServer({ mem, port: 0, apiKeys: { 'key-a': 'tenant-a' }, maxBodyBytes: MAX_BODY_BYTES, sleepService: false });
    a = apiClient(server.url, 'key-a');
  });
  after(async () => {
    await server.close();
    await mem.close();
  });

  it('answers 413 to an oversize body and keeps the keep-alive connection usable for the next request', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const oversize = JSON.stringify({ text: 'x'.repeat(4 * MAX_BODY_BYTES) });
      const declared = await send(agent, server.url, 'POST', '/v1/scopes/big/episodes', oversize);
      assert.equal(declared.status, 413);
      assert.equal(declared.body.error.code, 'payload_too_large');
      const next = await send(agent, server.url, 'POST', '/v1/scopes/big/episodes', JSON.stringify({ text: 'small enough' }));
      assert.equal(next.status, 201);
      assert.equal(next.socket, declared.socket, 'the next request went over the same connection');

      const streamed = await send(agent, server.url, 'POST', '/v1/scopes/big/episodes', Array.from({ length: 8 }, () => 'x'.repeat(MAX_BODY_BYTES / 2)));
      assert.equal(streamed.status, 413);
      const afterStreamed = await send(agent, server.url, 'GET', '/v1/scopes/big/episodes', '');
      assert.equal(afterStreamed.status, 200);
      assert.equal(afterStreamed.socket, declared.socket);
      assert.deepEqual(afterStreamed.body.items.map((e: { text: string }) => e.text), ['small enough']);
    } finally {
      agent.destroy();
    }
  });

  it('answers 415 to a body not sent as application/json, and changes nothing', async () => {
    const memory = (await a('POST', '/v1/scopes/media/active-memories', { title: 'T', template: { sections: [{ id: 'goals' }] } })).body;
    const asText = { 'content-type': 'text/plain' };
    const attempts = [
      await a('POST', '/v1/scopes/media/episodes', JSON.stringify({ text: 'sent as text' }), asText),
      await a('PUT', '/v1/scopes/media/facts/user.city', JSON.stringify({ value: 'Lisbon' }), asText),
      await a('PATCH', `/v1/scopes/media/active-memories/${memory.id}/sections`, JSON.stringify({ sections: [{ sectionId: 'goals', newContent: 'x' }] }), asText),
      await a('POST', `/v1/scopes/media/active-memories/${memory.id}/consolidate`, '{}', asText),
    ];
    for (const answer of attempts) {
      assert.equal(answer.status, 415, answer.text);
      assert.equal(answer.body.error.code, 'unsupported_media_type');
      assert.ok(answer.body.error.requestId);
    }
    const agent = new http.Agent();
    const untyped = await send(agent, server.url, 'POST', '/v1/scopes/media/episodes', JSON.stringify({ text: 'no content type' }), { 'content-type': '' });
    assert.equal(untyped.status, 415);
    agent.destroy();
    assert.deepEqual((await a('GET', '/v1/scopes/media/episodes')).body.items, []);
    assert.equal((await a('GET', '/v1/scopes/media/facts/user.city')).status, 404);
    assert.equal((await a('GET', `/v1/scopes/media/active-memories/${memory.id}`)).body.sections[0].updateCount, 0);
    assert.deepEqual((await a('GET', '/v1/scopes/media/consolidation-runs')).body.runs, []);
  });

  it('rejects an unknown body or query field with 400 naming it, and writes nothing', async () => {
    const body = await a('POST', '/v1/scopes/strict/episodes', { text: 'hello', metadataa: { source: 'chat' } });
    assert.equal(body.status, 400);
    assert.deepEqual(body.body.error.issues, [{ field: 'metadataa', reason: 'unknown field' }]);
    const nested = await a('POST', '/v1/scopes/strict/active-memories', { title: 'T', template: { sections: [{ id: 'goals', titel: 'Goals' }] } });
    assert.deepEqual(nested.body.error.issues, [{ field: 'template.sections.0.titel', reason: 'unknown field' }]);
    const search = await a('POST', '/v1/scopes/strict/search', { query: 'hello', limt: 3 });
    assert.deepEqual(search.body.error.issues, [{ field: 'limt', reason: 'unknown field' }]);
    const query = await a('GET', '/v1/scopes/strict/episodes?limt=5');
    assert.equal(query.status, 400);
    assert.deepEqual(query.body.error.issues, [{ field: 'limt', reason: 'unknown field' }]);
    assert.deepEqual((await a('GET', '/v1/scopes/strict/episodes')).body.items, []);
    assert.deepEqual((await a('GET', '/v1/scopes/strict/active-memories')).body.memories, []);
  });

  it('answers 400 naming the field to what a store could not keep: deep metadata, NUL, lone surrogates, out-of-range numbers and dates', async () => {
    const deep = `{"text":"deep","metadata":${'{"a":'.repeat(5000)}1${'}'.repeat(5001)}`;
    const answers = [
      [await a('POST', '/v1/scopes/limits/episodes', deep), `metadata${'.a'.repeat(32)}`],
      [await a('POST', '/v1/scopes/limits/episodes', '{"text":"lone \\ud800 surrogate"}'), 'text'],
      [await a('POST', '/v1/scopes/limits/episodes', { text: 'x', metadata: { note: 'nul\u0000' } }), 'metadata.note'],
      [await a('GET', '/v1/scopes/nul%00id/episodes'), 'externalId'],
      [await a('PUT', '/v1/scopes/limits/facts/k%00', { value: 'v' }), 'key'],
      [await a('POST', '/v1/scopes/limits/sleep', { windowDays: 1e10 }), 'windowDays'],
      [await a('GET', '/v1/scopes/limits/episodes?occurredTo=0000-06-01T00%3A00%3A00Z'), 'occurredTo'],
    ] as const;
    for (const [answer, field] of answers) {
      assert.equal(answer.status, 400, answer.text);
      assert.ok(answer.body.error.issues.some((i: { field: string }) => i.field === field), `${field}: ${answer.text}`);
    }
    assert.deepEqual((await a('GET', '/v1/scopes/limits/episodes')).body.items, []);
    const stored = await a('POST', '/v1/scopes/limits/episodes', { text: 'at the instant', occurredAt: '2021-01-01T03:00:00+05:00' });
    assert.equal(stored.body.occurredAt, '2020-12-31T22:00:00.000Z');
    const upTo = await a('GET', `/v1/scopes/limits/episodes?occurredTo=${encodeURIComponent('2020-12-31T17:00:00-05:00')}`);
    assert.deepEqual(upTo.body.items.map((e: { id: string }) => e.id), [stored.body.id]);
  });

  it('takes an empty body sent as JSON for {}', async () => {
    const memory = (await a('POST', '/v1/scopes/empty/active-memories', { title: 'T', template: { sections: [{ id: 'goals' }] } })).body;
    const consolidated = await a('POST', `/v1/scopes/empty/active-memories/${memory.id}/consolidate`, '');
    assert.equal(consolidated.status, 200, consolidated.text);
    assert.equal(consolidated.body.kind, 'consolidation');
    const agent = new http.Agent();
    const slept = await send(agent, server.url, 'POST', '/v1/scopes/empty/sleep', '');
    agent.destroy();
    assert.equal(slept.status, 200);
    assert.equal(slept.body.trigger, 'manual');
    const created = await a('POST', '/v1/scopes/empty/episodes', '');
    assert.equal(created.status, 400);
    assert.deepEqual(created.body.error.issues.map((i: { field: string }) => i.field), ['text']);
  });

  it('answers a JSON body that is not an object with 400 naming the body', async () => {
    const answer = await a('POST', '/v1/scopes/strict/episodes', ['not', 'an', 'object']);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.issues[0].field, '(body)');
  });
});
