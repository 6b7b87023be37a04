import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { AgentMem } from '../agent-mem.js';
import { ConfigError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { requestKey, resolveApiKeys, type ApiKeys } from './api-keys.js';
import { bodyReader } from './body-reader.js';
import type { AppEnv } from './env.js';
import { errorResponse, httpErrorOf } from './errors.js';
import { createInspector } from './inspector/inspector.js';
import { handleMcpRequest } from './mcp/http.js';
import { registerMetricsRoute, requestMetrics } from './metrics-routes.js';
import { createRestApi, openApiDocument } from './rest-api.js';

export interface AppOptions {
  /** The library; requests run as `mem.forTenant(<the key's tenant>)`, or as `mem` in local-only mode. */
  mem: AgentMem;
  /** API key → tenant (default AGENT_MEM_API_KEYS). None means local-only mode: no auth, `mem`'s tenant. */
  apiKeys?: ApiKeys | Record<string, string>;
  logger?: Logger;
  /** Largest request body accepted, in bytes (default 1 MiB, 1 KiB–1 GiB); larger ones get 413. */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const MIN_BODY_BYTES = 1024;
const MAX_BODY_BYTES = 1024 * 1024 * 1024;

/**
 * The HTTP app: REST under /v1 (its OpenAPI document at /v1/openapi.json), MCP at /mcp, /healthz,
 * /readyz, Prometheus metrics at /metrics, and the web inspector at `/`.
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const apiKeys = resolveApiKeys(options.apiKeys);
  const logger = options.logger ?? createLogger('agent-mem-server');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > MAX_BODY_BYTES) {
    throw new ConfigError(`maxBodyBytes must be an integer from ${MIN_BODY_BYTES} to ${MAX_BODY_BYTES}, got ${maxBodyBytes}`, { field: 'maxBodyBytes' });
  }
  const tenants = new Map<string, AgentMem>();
  const memFor = (tenantId: string) => {
    let mem = tenants.get(tenantId);
    if (!mem) tenants.set(tenantId, (mem = options.mem.forTenant(tenantId)));
    return mem;
  };
  const api = createRestApi(() => options.mem.ping());
  const document = openApiDocument(api);

  const app = new Hono<AppEnv>();
  app.use(requestMetrics(options.mem.metrics));
  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    const log = logger.child({ reqId: c.get('requestId') });
    c.set('log', log);
    await next();
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });

  app.get('/v1/openapi.json', (c) => c.json(document));
  registerMetricsRoute(app, options.mem.metrics);
  app.route('/', createInspector());

  for (const path of ['/v1/*', '/mcp']) {
    app.use(path, async (c, next) => {
      if (apiKeys.size === 0) {
        c.set('mem', options.mem);
        return next();
      }
      const key = requestKey({ authorization: c.req.header('authorization'), apiKey: c.req.header('x-api-key') });
      const tenant = key === undefined ? undefined : apiKeys.get(key);
      if (tenant === undefined) {
        c.header('WWW-Authenticate', 'Bearer');
        return errorResponse(c, 401, 'unauthorized', key === undefined ? 'an API key is required (Authorization: Bearer <key>)' : 'unknown API key');
      }
      c.set('mem', memFor(tenant));
      return next();
    });
    app.use(path, bodyReader(maxBodyBytes, (c) => errorResponse(c, 413, 'payload_too_large', `request body exceeds ${maxBodyBytes} bytes`)));
  }

  app.all('/mcp', (c) => handleMcpRequest(c.get('mem'), c.req.raw));
  app.route('/', api);

  app.notFound((c) => errorResponse(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    const { status, body } = httpErrorOf(error);
    if (status >= 500) c.get('log')?.error({ err: error }, 'request failed');
    return c.json({ error: { ...body.error, requestId: c.get('requestId') } }, status);
  });
  return app;
}
