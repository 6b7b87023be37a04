import type { AgentMem } from '../agent-mem.js';
import { localFactClient } from './clients/local.js';
import { mcpFactClient } from './clients/mcp.js';
import { restFactClient } from './clients/rest.js';
import { FactMemoryBackend } from './fact-backend.js';

/** Entries as facts of `mem` (its tenant), in this process. */
export function createLocalBackend(mem: AgentMem, name = 'local'): FactMemoryBackend {
  return new FactMemoryBackend(name, localFactClient(mem));
}

export interface RemoteBackendOptions {
  /** Base URL of another agent-mem server. */
  url: string;
  apiKey?: string;
  /** `rest` (default) uses /v1; `mcp` uses the MCP tools at /mcp. */
  transport?: 'rest' | 'mcp';
  /** Per-request timeout in ms (default 5000). */
  timeoutMs?: number;
  name?: string;
}

/** Entries as facts on another agent-mem server. */
export function createRemoteBackend(options: RemoteBackendOptions): FactMemoryBackend {
  const client = options.transport === 'mcp' ? mcpFactClient(options) : restFactClient(options);
  return new FactMemoryBackend(options.name ?? `${options.transport ?? 'rest'}:${options.url}`, client);
}
