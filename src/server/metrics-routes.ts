import type { Context, Hono, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { register as globalRegistry } from 'prom-client';
import type { Metrics } from '../runtime/metrics.js';
import type { AppEnv } from './env.js';

/** The route pattern that answered (`/v1/scopes/:externalId/search`), never the raw path; requests no route took share one label. */
function routeOf(c: Context): string {
  const pattern = routePath(c, c.req.routeIndex);
  return pattern.includes('*') ? '(unmatched)' : pattern;
}

/** Counts every request and times it, by method and route pattern. */
export function requestMetrics(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const labels = { method: c.req.method, route: routeOf(c) };
      metrics.httpRequests.inc({ ...labels, status: String(c.res.status) });
      metrics.httpDuration.observe(labels, (performance.now() - started) / 1000);
    }
  };
}

/**
 * `GET /metrics`: every agent_mem_… metric in Prometheus's text format (no API key, like /healthz):
 * the AgentMem's, and those of prom-client's global registry (a UnifiedMemoryBackend's replay queue).
 */
export function registerMetricsRoute(app: Hono<AppEnv>, metrics: Metrics): void {
  metrics.collectProcessMetrics();
  app.get('/metrics', async (c) => {
    const text = [await metrics.registry.metrics(), await globalRegistry.metrics()].filter((part) => part.trim()).join('\n');
    return c.body(text, 200, { 'content-type': metrics.registry.contentType });
  });
}
