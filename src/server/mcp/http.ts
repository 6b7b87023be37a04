import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { AgentMem } from '../../agent-mem.js';
import { createMcpServer } from './server.js';

/**
 * Serves one streamable-HTTP MCP request statelessly: a fresh server and transport per request,
 * so every call runs as the tenant of the key that sent it.
 */
export async function handleMcpRequest(mem: AgentMem, request: Request): Promise<Response> {
  const server = createMcpServer(mem);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    await server.close();
  }
}
