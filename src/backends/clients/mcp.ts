import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnavailableError } from '../../errors.js';
import type { Fact } from '../../model/fact.js';
import type { ToolErrorContent } from '../../server/mcp/tool-call.js';
import { PACKAGE_VERSION } from '../../server/version.js';
import type { FactClient } from '../fact-client.js';
import { remoteErrorOf } from './remote-error.js';

export interface RemoteMcpOptions {
  /** Base URL of an agent-mem server; its MCP endpoint is `<url>/mcp`. */
  url: string;
  apiKey?: string;
  /** Per-call timeout in ms (default 5000). */
  timeoutMs?: number;
}

/** The facts of a remote agent-mem server through its MCP tools (streamable HTTP). */
export function mcpFactClient(options: RemoteMcpOptions): FactClient {
  let connecting: Promise<Client> | undefined;
  const connect = () =>
    (connecting ??= (async () => {
      const transport = new StreamableHTTPClientTransport(new URL('/mcp', options.url), {
        requestInit: options.apiKey ? { headers: { authorization: `Bearer ${options.apiKey}` } } : {},
      });
      const client = new Client({ name: 'agent-mem-backend', version: PACKAGE_VERSION });
      await client.connect(transport, { timeout: options.timeoutMs ?? 5000 });
      return client;
    })().catch((error: unknown) => {
      connecting = undefined;
      throw new UnavailableError(`${options.url}/mcp did not answer: ${(error as Error).message}`, { url: options.url });
    }));

  /** Calls a tool; returns its JSON answer, or undefined when it answered `not_found`. */
  const tool = async (name: string, args: Record<string, unknown>): Promise<any> => {
    const client = await connect();
    let result: { isError?: boolean; content?: Array<{ text?: string }>; structuredContent?: Partial<ToolErrorContent> };
    try {
      result = (await client.callTool({ name, arguments: args }, undefined, { timeout: options.timeoutMs ?? 5000 })) as typeof result;
    } catch (error) {
      connecting = undefined;
      throw new UnavailableError(`${options.url}/mcp ${name} failed: ${(error as Error).message}`, { url: options.url });
    }
    const text = (result.content ?? []).map((c) => c.text ?? '').join('\n');
    if (!result.isError) return JSON.parse(text);
    const error = result.structuredContent?.error ?? { code: 'unavailable', message: text };
    if (error.code === 'not_found') return undefined;
    throw remoteErrorOf(error, `${options.url}/mcp ${name}`, { url: options.url });
  };

  return {
    put: async (externalId, key, value, metadata) => {
      await tool('put_fact', { externalId, key, value, metadata });
    },
    versions: async (externalId, key) => {
      const answer = await tool('list_facts', { externalId, keyPrefix: key, includeHistory: true });
      return ((answer?.facts ?? []) as Fact[]).filter((f) => f.key === key).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    },
    listAllVersions: async (externalId) => ((await tool('list_facts', { externalId, includeHistory: true }))?.facts ?? []) as Fact[],
    delete: async (externalId, key) => (await tool('delete_fact', { externalId, key })) !== undefined,
    users: async () => (((await tool('list_scopes', {}))?.scopes ?? []) as Array<{ externalId: string; facts: number }>).filter((s) => s.facts > 0).map((s) => s.externalId),
    ping: async () => {
      try {
        await (await connect()).ping({ timeout: options.timeoutMs ?? 5000 });
      } catch (error) {
        connecting = undefined;
        throw error;
      }
    },
    close: async () => {
      const client = await connecting?.catch(() => undefined);
      connecting = undefined;
      await client?.close();
    },
  };
}
