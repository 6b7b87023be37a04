/**
 * Property-based fuzz of every REST operation (from the server's own OpenAPI document) and every
 * MCP tool (from listTools), on both stores: shaped and hostile values (NUL, lone surrogates, deep
 * and big JSON, huge numbers, wrong types, unknown fields, odd dates, raw bodies). No answer may be
 * a 5xx or an `internal` tool error, a rejection must name its reason and write nothing, and the
 * server must still answer afterwards. FUZZ_RUNS sets the runs per operation (default 15), FUZZ_SEED
 * replays a failure's seed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import fc from 'fast-check';
import type { AgentMem } from '../src/agent-mem.js';
import { startServer, type RunningServer } from '../src/server/start.js';
import { arbitraryOf, hostileValue, sometimes, type JsonSchema } from './support/fuzz-arbitraries.js';
import { Tally } from './support/fuzz-tally.js';
import { httpClient } from './support/mcp.js';
import { STORE_KINDS, openTestMem } from './support/stores.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
/** FUZZ_SEED replays the seed a failure printed. */
const PARAMETERS = { numRuns: RUNS, includeErrorInReport: true, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) };
const KEY = 'key-fuzz';
const SCOPE = 'fz';
const MAX_BODY_BYTES = 256 * 1024;

interface Parameter {
  name: string;
  in: 'path' | 'query';
  schema: JsonSchema;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
}

interface FuzzRequest {
  url: string;
  body?: { text: string; contentType?: string };
}

interface ToolAnswer {
  isError?: boolean | 'payload_too_large';
  structuredContent?: { error?: { code: string; message: string; issues?: unknown[] } };
}

interface Answer {
  status: number;
  body: any;
}

/** Every operation of the document; deletions last, so the rest meet the fixture's rows. */
function operationsOf(document: any): Operation[] {
  const operations = Object.entries<Record<string, any>>(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: (op.parameters ?? []) as Parameter[],
      body: op.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined,
    })),
  );
  const rank = (op: Operation) => (op.method !== 'DELETE' ? 0 : op.path === '/v1/scopes/{externalId}' ? 2 : 1);
  return operations.sort((a, b) => rank(a) - rank(b));
}

/** Percent-encodes any string; one with a lone surrogate goes as the UTF-8 bytes Node would send. */
function encodeLoose(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined');

/** Query values the document types only as strings (comma-separated lists, JSON): some that parse. */
const QUERY_VALUES: Record<string, string[]> = {
  types: ['preference', 'observation,episodic_event', 'dream'],
  statuses: ['active', 'active,consolidated'],
  tags: ['travel', 'travel,work'],
  metadata: ['{"source":"chat"}', '{"n":1,"ok":true}', '[1]'],
  minImportance: ['0', '0.5', '1.5'],
  minConfidence: ['0.2'],
  limit: ['1', '5', '0'],
};

/** Raw segments no encoder makes: malformed escapes, invalid UTF-8, dot segments. */
const rawSegment = fc.constantFrom('%', '%zz', '%ED%A0%80', '%00', '%C0%AF', '%2F', '..', '%20%20');

/** Bodies no schema describes: not JSON, not sent as JSON, not an object, nested deeper than any parser's stack, oversize. */
const rawBody = fc.constantFrom<FuzzRequest['body']>(
  { text: 'not json', contentType: 'application/json' },
  { text: '{"text":"sent as text"}', contentType: 'text/plain' },
  { text: '{"text":"form"}', contentType: 'application/x-www-form-urlencoded' },
  { text: '{"text":"no type"}' },
  { text: '{"text":"patch"}', contentType: 'application/merge-patch+json' },
  { text: '[1,2]', contentType: 'application/json' },
  { text: '"scalar"', contentType: 'application/json' },
  { text: 'null', contentType: 'application/json' },
  { text: `{"text":"deep","metadata":${'{"a":'.repeat(5000)}1${'}'.repeat(5001)}`, contentType: 'application/json' },
  { text: '['.repeat(200_000) + ']'.repeat(200_000), contentType: 'application/json' },
  { text: '{"text":"x"}{"text":"y"}', contentType: 'application/json' },
  { text: '\u0000', contentType: 'application/json' },
  { text: JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES) }), contentType: 'application/json' },
);

function requestOf(base: string, op: Operation, known: Record<string, readonly unknown[]>): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const segment = (p: Parameter) =>
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...((known[p.name] ?? ['x']) as string[])).map(encodeLoose) },
      { weight: 2, arbitrary: hostileValue.map((v) => encodeLoose(asText(v).slice(0, 2000))) },
      { weight: 1, arbitrary: rawSegment },
    );
  const queryValue = (p: Parameter) =>
    fc
      .oneof(
        { weight: 4, arbitrary: QUERY_VALUES[p.name] ? fc.constantFrom(...QUERY_VALUES[p.name]!) : arbitraryOf(p.schema, { hostility: 0, known }, p.name) },
        { weight: 1, arbitrary: hostileValue },
      )
      .map(asText);
  // A few parameters at a time, so some requests pass every one of them.
  const query = fc.tuple(
    fc.subarray(queryParams, { maxLength: Math.min(3, queryParams.length) }).chain((chosen) => fc.tuple(...chosen.map((p) => queryValue(p).map((v) => [p.name, v] as const)))),
    sometimes(fc.constantFrom('limt', 'asof', 'extra')),
  );
  const body = op.body
    ? fc.oneof(
        { weight: 3, arbitrary: arbitraryOf(op.body, { hostility: 0, known }) },
        { weight: 3, arbitrary: arbitraryOf(op.body, { hostility: 2, known }) },
      ).map((value) => ({ text: JSON.stringify(value) ?? '', contentType: 'application/json' }))
    : fc.constant(undefined);
  return fc.record({
    segments: fc.tuple(...pathParams.map(segment)),
    query,
    body: op.body ? fc.oneof({ weight: 6, arbitrary: body }, { weight: 1, arbitrary: rawBody }) : body,
  }).map(({ segments, query: [values, unknown], body: sent }) => {
    let path = op.path;
    pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, segments[i]!)));
    const pairs = values.map(([k, v]) => `${k}=${encodeLoose(v)}`);
    if (unknown) pairs.push(`${unknown}=1`);
    return { url: `${base}${path}${pairs.length ? `?${pairs.join('&')}` : ''}`, ...(sent && { body: sent }) };
  });
}

for (const kind of STORE_KINDS) {
  describe(`fuzz of every REST route and MCP tool (${kind})`, () => {
    let mem: AgentMem;
    let server: RunningServer;
    let mcp: Client;
    const known: Record<string, string[]> = { externalId: [SCOPE, `${SCOPE}-2`], sectionId: ['goals', 'notes'], key: ['user.city'], memoryId: [], episodeId: [], runId: [], sessionId: [] };

    const call = async (method: string, url: string, body?: FuzzRequest['body']): Promise<Answer> => {
      const headers: Record<string, string> = { authorization: `Bearer ${KEY}` };
      if (body?.contentType) headers['content-type'] = body.contentType;
      const response = await fetch(url, { method, headers, body: body?.text, signal: AbortSignal.timeout(60_000) });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
      return { status: response.status, body: parsed };
    };
    const api = (method: string, path: string, value?: unknown) =>
      call(method, server.url + path, value === undefined ? undefined : { text: JSON.stringify(value), contentType: 'application/json' });

    /** A tool call; arguments over the body limit never reach MCP (HTTP 413), which the client throws. */
    const callToolOverHttp = async (name: string, input: Record<string, unknown>): Promise<ToolAnswer> => {
      try {
        return (await mcp.callTool({ name, arguments: input })) as ToolAnswer;
      } catch (error) {
        if (/payload_too_large/.test(String(error))) return { isError: 'payload_too_large' };
        throw error;
      }
    };

    /** What a write would change: counts, background work, runs, the fixture scope's sections, facts and triggers. */
    const fingerprint = async () => {
      await mem.whenIdle();
      const [status, memories, facts, triggers] = await Promise.all([
        api('GET', '/v1/status'),
        api('GET', `/v1/scopes/${SCOPE}/active-memories`),
        api('GET', `/v1/scopes/${SCOPE}/facts?includeHistory=true`),
        api('GET', `/v1/scopes/${SCOPE}/sleep/triggers`),
      ]);
      const { counts, background } = status.body;
      return JSON.stringify({
        counts,
        pending: background.pending,
        queue: background.queue.map((t: any) => [t.id, t.priority, t.trigger]),
        runs: background.recentRuns.map((r: any) => [r.id, r.status]),
        sections: memories.body.memories.map((m: any) => m.sections.map((s: any) => [s.id, s.updateCount, s.content])),
        facts: facts.body.facts.map((f: any) => [f.id, f.validTo]),
        triggers: triggers.body.updatedAt,
      });
    };

    /** Rows for the fuzz to meet: a memory, an episode in a session, a fact, a consolidation run. */
    const seed = async () => {
      const memory = await api('POST', `/v1/scopes/${SCOPE}/active-memories`, { title: 'Fuzz', template: { sections: [{ id: 'goals' }, { id: 'notes' }] } });
      await api('PATCH', `/v1/scopes/${SCOPE}/active-memories/${memory.body.id}/sections`, { sections: [{ sectionId: 'goals', newContent: 'ship the fuzz suite' }] });
      const run = await api('POST', `/v1/scopes/${SCOPE}/active-memories/${memory.body.id}/consolidate`, {});
      const turns = await api('POST', `/v1/scopes/${SCOPE}/messages`, { messages: [{ role: 'user', content: 'I moved to Lisbon' }] });
      await api('PUT', `/v1/scopes/${SCOPE}/facts/user.city`, { value: 'Lisbon' });
      known.memoryId!.push(memory.body.id);
      known.runId!.push(run.body.id);
      known.episodeId!.push(turns.body.episodes[0].id);
      known.sessionId!.push(turns.body.sessionId);
    };

    before(async () => {
      // Section updates never reach the threshold, so no consolidation runs between two fingerprints.
      mem = await openTestMem(kind, { config: { avgSectionUpdateCountForConsolidation: 1000 } });
      server = await startServer({ mem, port: 0, apiKeys: { [KEY]: 'tenant-fuzz' }, maxBodyBytes: MAX_BODY_BYTES, sleepService: false });
      await seed();
      mcp = await httpClient(server.url, KEY);
    });
    after(async () => {
      await mcp?.close();
      await server?.close();
      await mem?.close();
    });

    it('REST: no 5xx, every rejection names its reason and writes nothing, and the server answers afterwards', async (t) => {
      const tally = new Tally();
      const document = (await api('GET', '/v1/openapi.json')).body;
      let current = await fingerprint();
      for (const op of operationsOf(document)) {
        const label = `${op.method} ${op.path}`;
        await fc.assert(
          fc.asyncProperty(requestOf(server.url, op, known), async (request) => {
            const answer = await call(op.method, request.url, request.body);
            tally.add(label, String(answer.status));
            assert.ok(answer.status < 500, `${label} ${request.url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
            if (answer.status < 400) {
              current = await fingerprint();
              return;
            }
            assert.equal(typeof answer.body?.error?.code, 'string', `${label}: ${JSON.stringify(answer.body)}`);
            assert.ok(answer.body.error.message, `${label}: no message`);
            if (answer.status === 400) {
              assert.ok(answer.body.error.issues?.length > 0, `${label}: a 400 without issues: ${JSON.stringify(answer.body)}`);
              for (const issue of answer.body.error.issues) assert.ok(issue.field && issue.reason, JSON.stringify(issue));
            }
            assert.equal(await fingerprint(), current, `${label} answered ${answer.status} but wrote: ${request.url} ${request.body?.text.slice(0, 300)}`);
          }),
          PARAMETERS,
        );
      }
      assert.equal((await api('GET', '/readyz')).status, 200);
      assert.equal((await api('POST', `/v1/scopes/${SCOPE}-after/episodes`, { text: 'still answering' })).status, 201);
      const table = tally.table(`REST operation (${kind})`);
      t.diagnostic(`${kind}: ${tally.total()} requests`);
      console.log(`\n${table}\n`);
    });

    it('MCP: every tool answers a result or an isError with its reason, never internal, and a rejection writes nothing', async (t) => {
      await seed();
      const tally = new Tally();
      const { tools } = await mcp.listTools();
      const destructive = (name: string) => name.startsWith('delete_');
      let current = await fingerprint();
      for (const tool of [...tools].sort((a, b) => Number(destructive(a.name)) - Number(destructive(b.name)))) {
        const schema = tool.inputSchema as JsonSchema;
        const args = fc
          .oneof(arbitraryOf(schema, { hostility: 0, known }), arbitraryOf(schema, { hostility: 2, known }))
          .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
        await fc.assert(
          fc.asyncProperty(args, async (input) => {
            const result = await callToolOverHttp(tool.name, input);
            const error = result.isError ? result.structuredContent?.error : undefined;
            tally.add(tool.name, error ? `isError ${error.code}` : result.isError ? 'HTTP 413' : 'ok');
            if (result.isError === 'payload_too_large') {
              assert.equal(await fingerprint(), current, `${tool.name}: a request over the body limit wrote`);
              return;
            }
            if (!result.isError) {
              current = await fingerprint();
              return;
            }
            assert.ok(error?.code && error.message, `${tool.name}: an isError without a code: ${JSON.stringify(result)}`);
            assert.notEqual(error.code, 'internal', `${tool.name} failed inside: ${error.message} (${JSON.stringify(input).slice(0, 300)})`);
            if (error.code === 'validation') assert.ok(error.issues?.length, `${tool.name}: a validation error without issues: ${error.message}`);
            assert.equal(await fingerprint(), current, `${tool.name} answered isError (${error.code}) but wrote: ${JSON.stringify(input).slice(0, 300)}`);
          }),
          PARAMETERS,
        );
      }
      const [first] = (await mcp.listTools()).tools;
      assert.ok(first, 'the MCP server still lists its tools');
      assert.equal((await api('GET', '/readyz')).status, 200);
      const table = tally.table(`MCP tool (${kind})`);
      t.diagnostic(`${kind}: ${tally.total()} requests`);
      console.log(`\n${table}\n`);
    });
  });
}
