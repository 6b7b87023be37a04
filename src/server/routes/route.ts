import type { z } from 'zod';
import type { AgentMem } from '../../agent-mem.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteRequest {
  /** The caller's tenant view of the library. */
  mem: AgentMem;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Parsed JSON body ({} when the request had none). */
  body: Record<string, unknown>;
}

/**
 * One REST operation: how it is served and how the OpenAPI document describes it. The library
 * validates inputs (a ValidationError becomes a 400); the schemas here describe them.
 */
export interface Route {
  method: HttpMethod;
  /** Hono path with `:param` segments, under /v1. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Success status (default 200; 204 sends no body). */
  status?: 200 | 201 | 202 | 204;
  handle(request: RouteRequest): Promise<unknown>;
}
