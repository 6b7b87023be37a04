import { UnavailableError, ValidationError, type FieldIssue } from '../../errors.js';
import type { Fact } from '../../model/fact.js';
import { scopeInputSchema } from '../../model/schemas/active-memory.js';
import { factKeyRefSchema } from '../../model/schemas/fact.js';
import { parseInput } from '../../model/validate.js';
import type { FactClient } from '../fact-client.js';

export interface RemoteRestOptions {
  /** Base URL of an agent-mem server, e.g. http://10.0.0.2:8787 */
  url: string;
  /** Its API key (omit for a local-only server). */
  apiKey?: string;
  /** Per-request timeout in ms (default 5000). */
  timeoutMs?: number;
}

/** The facts of a remote agent-mem server over its REST API. */
export function restFactClient(options: RemoteRestOptions): FactClient {
  const base = options.url.replace(/\/+$/, '');
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> => {
    let response: Response;
    try {
      response = await fetch(base + path, {
        method,
        headers: { ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new UnavailableError(`${base} did not answer: ${(error as Error).message}`, { url: base });
    }
    const text = await response.text();
    const json = text ? JSON.parse(text) : undefined;
    if (response.status === 400) throw new ValidationError(json?.error?.message ?? 'bad request', (json?.error?.issues ?? []) as FieldIssue[]);
    if (response.status >= 400 && response.status !== 404) {
      throw new UnavailableError(`${method} ${base}${path} answered ${response.status}: ${json?.error?.message ?? text}`, { url: base, status: response.status });
    }
    return { status: response.status, json };
  };
  // Checked here because an empty path segment would reach no route at all.
  const facts = (externalId: string) => `/v1/scopes/${encodeURIComponent(parseInput(scopeInputSchema, { externalId }, 'scope').externalId)}/facts`;
  const fact = (externalId: string, key: string) => {
    const ref = parseInput(factKeyRefSchema, { externalId, key }, 'fact reference');
    return `${facts(ref.externalId)}/${encodeURIComponent(ref.key)}`;
  };

  return {
    put: async (externalId, key, value, metadata) => {
      const { status } = await call('PUT', fact(externalId, key), { value, metadata });
      if (status === 404) throw new UnavailableError(`${base} has no facts API`, { url: base });
    },
    versions: async (externalId, key) => ((await call('GET', `${fact(externalId, key)}/history`)).json?.versions as Fact[]) ?? [],
    listAllVersions: async (externalId) => ((await call('GET', `${facts(externalId)}?includeHistory=true`)).json?.facts as Fact[]) ?? [],
    delete: async (externalId, key) => (await call('DELETE', fact(externalId, key))).status === 204,
    users: async () => ((await call('GET', '/v1/scopes')).json?.scopes as Array<{ externalId: string; facts: number }>).filter((s) => s.facts > 0).map((s) => s.externalId),
    ping: async () => {
      const { status } = await call('GET', '/readyz');
      if (status !== 200) throw new UnavailableError(`${base} is not ready`, { url: base });
    },
  };
}
