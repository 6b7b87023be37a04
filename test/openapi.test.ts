import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import type { AgentMem } from '../src/agent-mem.js';
import { createApp } from '../src/server/app.js';
import { REST_CLIENT_TYPES_FILE, restClientTypes } from '../scripts/rest-client-types.js';
import { openTestMem } from './support/stores.js';

type Response = { $ref?: string; content?: Record<string, { schema: unknown }> };
type Operation = { operationId: string; requestBody?: unknown; responses: Record<string, Response> };
type Document = { paths: Record<string, Record<string, Operation>>; components: { responses: Record<string, Response> } };

describe('the served OpenAPI document', () => {
  let mem: AgentMem;
  let document: Document;
  before(async () => {
    mem = await openTestMem('sqlite');
    const response = await createApp({ mem, apiKeys: { k: 't' } }).request('/v1/openapi.json');
    assert.equal(response.status, 200);
    document = (await response.json()) as Document;
  });
  after(() => mem.close());

  it('passes an OpenAPI 3.1 validator', async () => {
    // Health and readiness have no client error to describe.
    const config = await createConfig({ extends: ['recommended'], rules: { 'operation-4xx-response': 'off' } });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    assert.deepEqual(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`), []);
  });

  it('gives every operation a response schema, and every /v1 operation the error schema', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        const [success, ...others] = Object.keys(operation.responses).filter((status) => status.startsWith('2'));
        assert.ok(success && others.length === 0, `${where} has one success status`);
        if (success !== '204') assert.ok(operation.responses[success]!.content?.['application/json']?.schema, `${where} describes its ${success} body`);
        if (!path.startsWith('/v1/')) continue;
        const statuses = operation.requestBody ? ['400', '401', '404', '409', '413', '415', '503'] : ['400', '401', '404', '409', '503'];
        for (const status of statuses) {
          const answer = operation.responses[status]?.$ref?.replace('#/components/responses/', '');
          assert.ok(answer, `${where} refers to the error answer of ${status}`);
          assert.deepEqual(document.components.responses[answer]?.content?.['application/json']?.schema, { $ref: '#/components/schemas/Error' }, `${where} ${status}`);
        }
      }
    }
  });

  it('generates the REST client types in the tree (run `npm run generate:rest-client` after changing a route)', async () => {
    assert.equal(await restClientTypes(document), fs.readFileSync(REST_CLIENT_TYPES_FILE, 'utf8'));
  });
});
