import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AgentMem } from '../agent-mem.js';
import type { Logger } from '../logger.js';

/** What every request carries: the library as the caller's tenant, and its logger. */
export type AppEnv = { Variables: { mem: AgentMem; log: Logger } };

/** The app the REST routes are registered on. */
export type RestApi = OpenAPIHono<AppEnv>;
