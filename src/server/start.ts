import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { ConfigError } from '../errors.js';
import { createLogger } from '../logger.js';
import { resolveApiKeys } from './api-keys.js';
import { answerClientErrors } from './client-errors.js';
import { createApp, type AppOptions } from './app.js';
import type { AppEnv } from './env.js';

export interface StartServerOptions extends AppOptions {
  /** Default 127.0.0.1; forced to 127.0.0.1 in local-only mode (no API keys). */
  host?: string;
  /** Default PORT, else 8787; 0 picks a free port. */
  port?: number;
  /** Receives the app before it listens, e.g. to add routes. */
  extend?(app: Hono<AppEnv>): void;
  /** Run the background sleep-cycle service (trigger checks and a worker) in this process (default true). */
  sleepService?: boolean;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  localOnly: boolean;
  app: Hono<AppEnv>;
  /** Stops the sleep service, stops accepting connections and waits for open ones; the caller closes `mem`. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
const LOOPBACK = '127.0.0.1';

const isPort = (port: number) => Number.isInteger(port) && port >= 0 && port <= 65_535;

/** `port`, else PORT, else 8787; anything but an integer from 0 to 65535 is a ConfigError naming where it came from. */
export function resolvePort(port: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (port !== undefined) {
    if (!isPort(port)) throw new ConfigError(`port must be an integer from 0 to 65535, got ${port}`, { field: 'port' });
    return port;
  }
  if (!env.PORT) return DEFAULT_PORT;
  const fromEnv = Number(env.PORT);
  if (!isPort(fromEnv)) throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`, { variable: 'PORT' });
  return fromEnv;
}

/** Starts the HTTP server (REST, MCP, health); resolves once it listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger('agent-mem-server');
  const apiKeys = resolveApiKeys(options.apiKeys);
  const localOnly = apiKeys.size === 0;
  let host = options.host ?? LOOPBACK;
  if (localOnly && host !== LOOPBACK) {
    logger.warn({ requested: host }, `no API keys configured: ignoring host ${host} and binding ${LOOPBACK} only`);
    host = LOOPBACK;
  }
  const port = resolvePort(options.port);
  const app = createApp({ ...options, apiKeys, logger });
  options.extend?.(app);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
    answerClientErrors(s as Server);
    s.once('error', reject);
  });
  const sleep = options.sleepService === false ? undefined : options.mem.startSleepService();
  const bound = (server.address() as AddressInfo).port;
  const url = `http://${host}:${bound}`;
  if (localOnly) logger.warn(`local-only mode: no API keys configured (AGENT_MEM_API_KEYS); serving ${url} without authentication, loopback only`);
  else logger.info({ tenants: [...new Set(apiKeys.values())].length }, `serving ${url} with API keys`);
  return {
    url,
    host,
    port: bound,
    localOnly,
    app,
    close: async () => {
      await sleep?.stop();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
    },
  };
}
