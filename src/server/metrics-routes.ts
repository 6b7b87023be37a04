import type { Context, Hono, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
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

/** `GET /metrics`: every agent_mem_… metric in Prometheus's text format (no API key, like /healthz). */
export function registerMetricsRoute(app: Hono<AppEnv>, metrics: Metrics): void {
  metrics.collectProcessMetrics();
  app.get('/metrics', async (c) => c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }));
}
