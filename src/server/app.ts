import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { AgentMem } from '../agent-mem.js';
import { createLogger, type Logger } from '../logger.js';
import { requestKey, resolveApiKeys, type ApiKeys } from './api-keys.js';
import { httpErrorOf, type ErrorBody } from './errors.js';
import { createInspector } from './inspector/inspector.js';
import { handleMcpRequest } from './mcp/http.js';
import { buildOpenApiDocument } from './openapi.js';
import { readJsonBody } from './request-body.js';
import { routes } from './routes/index.js';
import type { Route } from './routes/route.js';
import { PACKAGE_VERSION } from './version.js';

export interface AppOptions {
  /** The library; requests run as `mem.forTenant(<the key's tenant>)`, or as `mem` in local-only mode. */
  mem: AgentMem;
  /** API key → tenant (default AGENT_MEM_API_KEYS). None means local-only mode: no auth, `mem`'s tenant. */
  apiKeys?: ApiKeys | Record<string, string>;
  logger?: Logger;
  /** Largest request body accepted, in bytes (default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
}

export type AppEnv = { Variables: { mem: AgentMem; log: Logger } };

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function errorResponse(c: Context, status: 401 | 404 | 413, code: string, message: string) {
  const body: ErrorBody = { error: { code, message, requestId: c.get('requestId') } };
  return c.json(body, status);
}

/**
 * The HTTP app: REST under /v1, MCP at /mcp, /healthz, /readyz. `/` is left free for the web
 * inspector (`app.route('/', inspector)`).
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const apiKeys = resolveApiKeys(options.apiKeys);
  const logger = options.logger ?? createLogger('agent-mem-server');
  const tenants = new Map<string, AgentMem>();
  const memFor = (tenantId: string) => {
    let mem = tenants.get(tenantId);
    if (!mem) tenants.set(tenantId, (mem = options.mem.forTenant(tenantId)));
    return mem;
  };

  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    const log = logger.child({ reqId: c.get('requestId') });
    c.set('log', log);
    await next();
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await options.mem.ping();
      return c.json({ status: 'ready' });
    } catch (error) {
      c.get('log').warn({ err: error }, 'store did not answer the readiness check');
      return c.json({ status: 'unavailable' }, 503);
    }
  });
  const document = buildOpenApiDocument(routes, PACKAGE_VERSION);
  app.get('/v1/openapi.json', (c) => c.json(document));
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
    app.use(path, bodyLimit({ maxSize: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, onError: (c) => errorResponse(c, 413, 'payload_too_large', `request body exceeds ${options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes`) }));
  }

  app.all('/mcp', (c) => handleMcpRequest(c.get('mem'), c.req.raw));
  for (const route of routes) app.on(route.method.toUpperCase(), route.path, (c) => serveRoute(c, route));

  app.notFound((c) => errorResponse(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    const { status, body } = httpErrorOf(error);
    if (status >= 500) c.get('log')?.error({ err: error }, 'request failed');
    return c.json({ error: { ...body.error, requestId: c.get('requestId') } }, status);
  });
  return app;
}

async function serveRoute(c: Context<AppEnv>, route: Route): Promise<Response> {
  const body = route.method === 'get' || route.method === 'delete' ? {} : await readJsonBody(c);
  const result = await route.handle({ mem: c.get('mem'), params: c.req.param() as Record<string, string>, query: c.req.query(), body });
  if (route.status === 204) return c.body(null, 204);
  return c.json(result as object, route.status ?? 200);
}
