import createClient from 'openapi-fetch';
import { UnavailableError } from '../../errors.js';
import { scopeInputSchema } from '../../model/schemas/active-memory.js';
import { factKeyRefSchema } from '../../model/schemas/fact.js';
import { parseInput } from '../../model/validate.js';
import type { FactClient } from '../fact-client.js';
import type { paths } from './rest-api.js';
import { remoteErrorOf, type RemoteErrorBody } from './remote-error.js';

export interface RemoteRestOptions {
  /** Base URL of an agent-mem server, e.g. http://10.0.0.2:8787 */
  url: string;
  /** Its API key (omit for a local-only server). */
  apiKey?: string;
  /** Per-request timeout in ms (default 5000). */
  timeoutMs?: number;
}

interface Answer {
  response: Response;
  error?: unknown;
}

/** The server's error body; anything else it answered (a proxy's page, a readiness status) as the message. */
function errorBodyOf(answered: unknown): RemoteErrorBody {
  const body = (answered as { error?: RemoteErrorBody } | undefined)?.error;
  return body ?? { code: 'unavailable', message: typeof answered === 'string' ? answered : JSON.stringify(answered) };
}

/** The facts of a remote agent-mem server over its REST API, typed by its OpenAPI document (rest-api.ts). */
export function restFactClient(options: RemoteRestOptions): FactClient {
  const base = options.url.replace(/\/+$/, '');
  const client = createClient<paths>({ baseUrl: base, headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {} });

  /** Sends one request under the timeout; its answer, undefined for a 404, or the typed error of any other failure. */
  const send = async <A extends Answer>(what: string, request: (signal: AbortSignal) => Promise<A>): Promise<A | undefined> => {
    let answer: A;
    try {
      answer = await request(AbortSignal.timeout(options.timeoutMs ?? 5000));
    } catch (error) {
      throw new UnavailableError(`${base} did not answer: ${(error as Error).message}`, { url: base });
    }
    const { status } = answer.response;
    if (answer.response.ok) return answer;
    if (status === 404) return undefined;
    throw remoteErrorOf(errorBodyOf(answer.error), `${what} on ${base} answered ${status}`, { url: base, status });
  };
  // Checked here because an empty path segment would reach no route at all.
  const scope = (externalId: string) => parseInput(scopeInputSchema, { externalId }, 'scope');
  const fact = (externalId: string, key: string) => parseInput(factKeyRefSchema, { externalId, key }, 'fact reference');

  return {
    put: async (externalId, key, value, metadata) => {
      const path = fact(externalId, key);
      const answer = await send('PUT fact', (signal) => client.PUT('/v1/scopes/{externalId}/facts/{key}', { params: { path }, body: { value, metadata }, signal }));
      if (!answer) throw new UnavailableError(`${base} has no facts API`, { url: base });
    },
    versions: async (externalId, key) => {
      const path = fact(externalId, key);
      const answer = await send('GET fact history', (signal) => client.GET('/v1/scopes/{externalId}/facts/{key}/history', { params: { path }, signal }));
      return answer?.data?.versions ?? [];
    },
    listAllVersions: async (externalId) => {
      const params = { path: scope(externalId), query: { includeHistory: 'true' as const } };
      const answer = await send('GET facts', (signal) => client.GET('/v1/scopes/{externalId}/facts', { params, signal }));
      return answer?.data?.facts ?? [];
    },
    delete: async (externalId, key) => {
      const path = fact(externalId, key);
      return (await send('DELETE fact', (signal) => client.DELETE('/v1/scopes/{externalId}/facts/{key}', { params: { path }, signal }))) !== undefined;
    },
    users: async () => {
      const answer = await send('GET scopes', (signal) => client.GET('/v1/scopes', { signal }));
      return (answer?.data?.scopes ?? []).filter((s) => s.facts > 0).map((s) => s.externalId);
    },
    ping: async () => {
      if (!(await send('GET readiness', (signal) => client.GET('/readyz', { signal })))) throw new UnavailableError(`${base} is not ready`, { url: base });
    },
  };
}
