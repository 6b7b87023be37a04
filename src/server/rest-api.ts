import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, RestApi } from './env.js';
import { registerActiveMemoryRoutes } from './routes/active-memories.js';
import { registerConsolidationRoutes } from './routes/consolidation.js';
import { registerEpisodeRoutes } from './routes/episodes.js';
import { registerFactRoutes } from './routes/facts.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerIntegrationRoutes } from './routes/integrations.js';
import { registerMessageRoutes } from './routes/messages.js';
import { registerErrorAnswers } from './routes/openapi-parts.js';
import { registerRetrievalRoutes } from './routes/retrieval.js';
import { registerScopeRoutes } from './routes/scopes.js';
import { registerSleepRoutes } from './routes/sleep.js';
import { registerStatusRoutes } from './routes/status.js';
import { rejectInvalidRequest } from './validation-hook.js';
import { PACKAGE_VERSION } from './version.js';

/**
 * Every REST operation (under /v1, plus /healthz and /readyz): each one's validation, handler and
 * OpenAPI description come from one `createRoute` definition. `ping` answers the readiness check.
 */
export function createRestApi(ping: () => Promise<void>): RestApi {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalidRequest });
  registerErrorAnswers(api);
  registerHealthRoutes(api, ping);
  for (const register of [
    registerStatusRoutes,
    registerScopeRoutes,
    registerActiveMemoryRoutes,
    registerConsolidationRoutes,
    registerEpisodeRoutes,
    registerMessageRoutes,
    registerRetrievalRoutes,
    registerIntegrationRoutes,
    registerFactRoutes,
    registerSleepRoutes,
  ]) {
    register(api);
  }
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', { type: 'apiKey', in: 'header', name: 'X-API-Key' });
  return api;
}

/** The OpenAPI 3.1 document of the REST API, served at /v1/openapi.json. */
export function openApiDocument(api: RestApi) {
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'agent-mem',
      version: PACKAGE_VERSION,
      description: 'Long-term memory for LLM agents. Every /v1 path is scoped to the tenant of the API key.',
      // The config is typed with OpenAPI 3.0's license object, which has no SPDX identifier yet.
      license: { name: 'MIT', identifier: 'MIT' } as { name: string },
    },
    servers: [{ url: '/', description: 'the server that serves this document' }],
    security: [{ bearer: [] }, { apiKey: [] }],
  });
}
