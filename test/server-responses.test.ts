import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import type { AgentMem } from '../src/agent-mem.js';
import { createApp } from '../src/server/app.js';
import { createRestApi } from '../src/server/rest-api.js';
import { errorBodySchema } from '../src/server/schemas/error.js';
import { STORE_KINDS, openTestMem } from './support/stores.js';

interface DeclaredRoute {
  method: string;
  operationId: string;
  pattern: RegExp;
  /** Success answers carry their schema; error answers refer to one of `components.responses`, all of the error schema. */
  responses: Record<string, { $ref?: string; content?: { 'application/json'?: { schema: z.ZodType } } }>;
}

/** Every route the REST API declares, with the zod schema of each response. */
function declaredRoutes(): DeclaredRoute[] {
  return createRestApi(async () => {}).openAPIRegistry.definitions.flatMap((definition) => {
    if (definition.type !== 'route') return [];
    const { method, path, operationId, responses } = definition.route;
    const pattern = new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`);
    return [{ method: method.toUpperCase(), operationId: operationId!, pattern, responses: responses as DeclaredRoute['responses'] }];
  });
}

const template = { sections: [{ id: 'goals', title: 'Goals' }, { id: 'notes' }] };

for (const kind of STORE_KINDS) {
  describe(`REST responses match the declared schemas exactly (${kind})`, () => {
    const routes = declaredRoutes();
    const answered = new Set<string>();
    let mem: AgentMem;
    let app: ReturnType<typeof createApp>;
    before(async () => {
      mem = await openTestMem(kind, { config: { shorttermUpdateCountThreshold: 2 } });
      app = createApp({ mem, apiKeys: { k: 't' } });
    });
    after(() => mem.close());

    /** Sends a request and checks its body against the declared schema of its route and status: nothing missing, nothing extra. */
    async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: 'Bearer k' }) {
      const response = await app.request(path, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const route = routes.find((r) => r.method === method && r.pattern.test(path.split('?')[0]!));
      assert.ok(route, `no declared route for ${method} ${path}`);
      const declared = route.responses[String(response.status)];
      assert.ok(declared, `${route.operationId} answered an undeclared ${response.status}`);
      const schema = declared.$ref ? errorBodySchema : declared.content?.['application/json']?.schema;
      const json = schema ? await response.json() : undefined;
      if (schema) assert.deepEqual(schema.parse(json), json, `${route.operationId} ${response.status} carries fields its schema lacks`);
      answered.add(`${route.operationId} ${response.status}`);
      return json as any;
    }

    it('answers every operation with its declared shape', async () => {
      await call('GET', '/healthz');
      await call('GET', '/readyz');
      await call('GET', '/v1/status');
      const memory = await call('POST', '/v1/scopes/agent/active-memories', { title: 'Project', template, metadata: { team: 'billing' } });
      await call('GET', '/v1/scopes/agent/active-memories');
      await call('GET', `/v1/scopes/agent/active-memories/${memory.id}`);
      const sections = (newContent: string) => [{ sectionId: 'goals', newContent }, { sectionId: 'notes', newContent: `${newContent} with Alice at Acme in Berlin` }];
      await call('PATCH', `/v1/scopes/agent/active-memories/${memory.id}/sections`, { sections: sections('Ship the billing service by March') });
      const run = await call('POST', `/v1/scopes/agent/active-memories/${memory.id}/consolidate`);
      const shortTerm = await call('GET', `/v1/scopes/agent/active-memories/${memory.id}/short-term`);
      assert.ok(shortTerm.chunks.length > 0 && shortTerm.entities.length > 0, 'the short-term tier has rows to check');
      await call('PUT', `/v1/scopes/agent/active-memories/${memory.id}/sections/goals`, { newContent: 'Ship the billing service by April' });
      await call('POST', `/v1/scopes/agent/active-memories/${memory.id}/consolidate`, {});
      const longTerm = await call('GET', '/v1/scopes/agent/long-term?includeEnded=true');
      assert.ok(longTerm.chunks.length > 0 && longTerm.entities.length > 0, 'the long-term tier has rows to check');
      await call('GET', '/v1/scopes/agent/consolidation-runs?limit=5');
      await call('GET', `/v1/scopes/agent/consolidation-runs/${run.id}`);

      const episode = await call('POST', '/v1/scopes/agent/episodes', { text: 'The user prefers green tea in the morning', type: 'preference', tags: ['drinks'] });
      await call('POST', '/v1/scopes/agent/episodes/batch', {
        episodes: [
          { text: 'The user drinks green tea every morning', type: 'preference', importance: 0.9 },
          { text: 'The user likes green tea before work', type: 'preference', importance: 0.9 },
        ],
      });
      const chat = await call('POST', '/v1/scopes/agent/messages', {
        sessionId: 'chat-1',
        messages: [
          { role: 'user', name: 'Sam', content: 'I switched to matcha last week', createdAt: '2026-01-05T08:00:00Z', metadata: { messageId: 'm1' } },
          { role: 'assistant', content: 'Noted: matcha in the morning.' },
        ],
      });
      assert.deepEqual([chat.sessionId, chat.episodes.map((e: { position: number }) => e.position)], ['chat-1', [0, 1]]);
      await call('GET', '/v1/scopes/agent/episodes?limit=2');
      await call('GET', `/v1/scopes/agent/episodes/${episode.id}`);
      await call('POST', '/v1/scopes/agent/outcomes', { task: 'order tea', outcome: 'ordered sencha', success: true });
      const report = await call('POST', '/v1/scopes/agent/sleep', { minClusterSize: 2 });
      assert.ok(report.facts.length > 0, 'the report has facts to check');
      await call('GET', '/v1/scopes/agent/sleep/reports');
      await call('PUT', '/v1/scopes/agent/sleep/triggers', { triggers: { events: ['session_end'] } });
      await call('GET', '/v1/scopes/agent/sleep/triggers');
      await call('POST', '/v1/scopes/agent/sleep/events', { event: 'session_end' });
      await call('POST', '/v1/scopes/agent/sleep/events', { event: 'unregistered' });
      await call('POST', '/v1/scopes/other/sleep/queue', { priority: 5 });
      await call('GET', '/v1/sleep/queue');
      await call('DELETE', '/v1/scopes/agent/sleep/triggers');

      const fact = await call('PUT', '/v1/scopes/agent/facts/user.city', { value: 'Lisbon', subject: 'user', predicate: 'lives in' });
      await call('PUT', '/v1/scopes/agent/facts/user.city', { value: 'Porto' });
      await call('GET', `/v1/scopes/agent/facts/user.city?asOf=${encodeURIComponent(fact.validFrom)}`);
      await call('GET', '/v1/scopes/agent/facts/user.city/history');
      await call('GET', '/v1/scopes/agent/facts?includeHistory=true');
      const found = await call('POST', '/v1/scopes/agent/search', { query: 'green tea Lisbon billing Alice', limit: 20 });
      assert.ok(new Set(found.results.map((r: { tier: string }) => r.tier)).size >= 3, 'results from several tiers to check');
      await call('POST', '/v1/scopes/agent/context', { task: 'make the user a drink', maxTokens: 400 });
      const session = await call('POST', '/v1/scopes/agent/search', { query: 'matcha', sessionId: 'chat-1', minScore: 0 });
      assert.ok(session.results.length > 0 && session.results.every((r: { provenance: { sessionId?: string } }) => r.provenance.sessionId === 'chat-1'));
      await call('GET', '/v1/scopes');

      await call('DELETE', '/v1/scopes/agent/facts/user.city');
      await call('DELETE', `/v1/scopes/agent/episodes/${episode.id}`);
      await call('DELETE', `/v1/scopes/agent/active-memories/${memory.id}`);
      await call('DELETE', '/v1/scopes/agent');

      const missing = routes.flatMap((r) => {
        const success = Object.keys(r.responses).filter((status) => status.startsWith('2'));
        return success.filter((status) => !answered.has(`${r.operationId} ${status}`)).map((status) => `${r.operationId} ${status}`);
      });
      assert.deepEqual(missing, [], 'every operation answered its success status once');
    });

    it('answers errors with the declared error shape', async () => {
      const errors = [
        await call('GET', '/v1/scopes/agent/active-memories', undefined, {}),
        await call('GET', '/v1/scopes/agent/active-memories/nope'),
        await call('POST', '/v1/scopes/agent/episodes', { text: '', importance: 2 }),
        await call('GET', '/v1/scopes/agent/episodes?limt=1'),
      ];
      assert.deepEqual(errors.map((e) => e.error.code), ['unauthorized', 'not_found', 'validation', 'validation']);
      assert.ok(errors.every((e) => e.error.requestId));
      assert.deepEqual([...answered].filter((a) => / (400|401|404)$/.test(a)).sort(), ['addEpisode 400', 'getActiveMemories 401', 'getActiveMemory 404', 'listEpisodes 400']);
    });
  });
}
