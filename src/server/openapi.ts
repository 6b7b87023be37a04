import { z } from 'zod';
import type { Route } from './routes/route.js';

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function queryParameters(schema: z.ZodType | undefined) {
  if (!schema) return [];
  const json = jsonSchemaOf(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

const errorResponse = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

/** The OpenAPI 3.1 document of the REST API, built from the same route table the server serves. */
export function buildOpenApiDocument(routes: readonly Route[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
    const pathParameters = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const status = String(route.status ?? 200);
    paths[openApiPath] ??= {};
    paths[openApiPath][route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      parameters: [...pathParameters, ...queryParameters(route.query)],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(route.body) } } } } : {}),
      responses: {
        [status]: status === '204' ? { description: 'done' } : { description: 'ok', content: { 'application/json': { schema: {} } } },
        400: errorResponse,
        401: errorResponse,
        404: errorResponse,
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'agent-mem', version, description: 'Long-term memory for LLM agents. Every path is scoped to the tenant of the API key.' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                requestId: { type: 'string' },
                issues: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
  };
}
