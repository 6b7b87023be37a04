import { ConfigError } from '../errors.js';

/** API key → tenant. Empty means local-only mode. */
export type ApiKeys = ReadonlyMap<string, string>;

/** Parses `key:tenant,key2:tenant2` (AGENT_MEM_API_KEYS); a key without `:tenant` maps to `default`. */
export function parseApiKeys(spec: string | undefined): ApiKeys {
  const keys = new Map<string, string>();
  for (const entry of (spec ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const separator = entry.lastIndexOf(':');
    const key = separator === -1 ? entry : entry.slice(0, separator).trim();
    const tenant = separator === -1 ? 'default' : entry.slice(separator + 1).trim();
    if (!key || !tenant) {
      throw new ConfigError(`AGENT_MEM_API_KEYS entry "${entry}" must look like key:tenant`, { variable: 'AGENT_MEM_API_KEYS' });
    }
    if (keys.has(key)) throw new ConfigError('AGENT_MEM_API_KEYS names the same key twice', { variable: 'AGENT_MEM_API_KEYS' });
    keys.set(key, tenant);
  }
  return keys;
}

/** Keys passed in code win; else AGENT_MEM_API_KEYS. */
export function resolveApiKeys(given: ApiKeys | Record<string, string> | undefined, env: NodeJS.ProcessEnv = process.env): ApiKeys {
  if (given) return given instanceof Map ? given : new Map(Object.entries(given));
  return parseApiKeys(env.AGENT_MEM_API_KEYS);
}

/** The key of a request: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function requestKey(headers: { authorization?: string | undefined; apiKey?: string | undefined }): string | undefined {
  const bearer = headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  return bearer?.trim() || headers.apiKey?.trim() || undefined;
}
