import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { AgentMem } from '../../agent-mem.js';
import { createMcpServer } from './server.js';

/** Serves MCP over stdin/stdout until the client disconnects; resolves then. */
export async function serveMcpOverStdio(mem: AgentMem): Promise<void> {
  const server = createMcpServer(mem);
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  await server.connect(new StdioServerTransport());
  await closed;
}
