import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AgentMem } from '../../agent-mem.js';
import { PACKAGE_VERSION } from '../version.js';
import { activeMemoryTools } from './active-memory-tools.js';
import { factTools } from './fact-tools.js';
import { knowledgeTools } from './knowledge-tools.js';
import { scopeTools } from './scope-tools.js';
import type { MemoryTool } from './tool.js';

export const memoryTools: readonly MemoryTool[] = [...scopeTools, ...activeMemoryTools, ...knowledgeTools, ...factTools];

const instructions =
  'agent-mem is your long-term memory. Every tool takes externalId: the agent or user the memory is about; use the same value every time for the same person or agent. ' +
  'Before answering about the user or past work, call search_memories. Keep working notes in active memories (get_active_memories, then update_memory_sections); ' +
  'they consolidate into long-term memory on their own. Record notable events and preferences with add_episode, and durable key facts with put_fact.';

/** An MCP server whose tools act on `mem` (already bound to the caller's tenant). */
export function createMcpServer(mem: AgentMem): McpServer {
  const server = new McpServer({ name: 'agent-mem', version: PACKAGE_VERSION }, { instructions });
  for (const tool of memoryTools) {
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, annotations: tool.annotations },
      async (args: unknown) => {
        const result = await tool.run(mem, args as never);
        return { content: [{ type: 'text' as const, text: JSON.stringify(result, null, 2) }] };
      },
    );
  }
  return server;
}
