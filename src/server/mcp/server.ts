import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AgentMem } from '../../agent-mem.js';
import { PACKAGE_VERSION } from '../version.js';
import { activeMemoryTools } from './active-memory-tools.js';
import { factTools } from './fact-tools.js';
import { knowledgeTools } from './knowledge-tools.js';
import { scopeTools } from './scope-tools.js';
import { sleepTools } from './sleep-tools.js';
import type { MemoryTool } from './tool.js';
import { callMemoryTool, toolErrorContentSchema } from './tool-call.js';

export const memoryTools: readonly MemoryTool[] = [...scopeTools, ...activeMemoryTools, ...knowledgeTools, ...factTools, ...sleepTools];

const instructions =
  'agent-mem is your long-term memory. Every tool takes externalId: the agent or user the memory is about; use the same value every time for the same person or agent. ' +
  'Before answering about the user or past work, call search_memories. Keep working notes in active memories (get_active_memories, then update_memory_sections); ' +
  'they consolidate into long-term memory on their own. Record notable events and preferences with add_episode, and durable key facts with put_fact.';

function describeTool(tool: MemoryTool): Tool {
  const inputSchema = z.toJSONSchema(tool.inputSchema, { io: 'input', target: 'draft-7' }) as Tool['inputSchema'];
  // Error results carry their code in structuredContent too, so the declared output admits that shape.
  const outputSchema = tool.output && ({ type: 'object', ...z.toJSONSchema(z.union([tool.output.schema, toolErrorContentSchema]), { io: 'output', target: 'draft-7' }) } as Tool['outputSchema']);
  return { name: tool.name, title: tool.title, description: tool.description, inputSchema, ...(outputSchema && { outputSchema }), annotations: tool.annotations };
}

/**
 * An MCP server whose tools act on `mem` (already bound to the caller's tenant). The tools are
 * served here rather than through McpServer so that this server validates their arguments and a
 * failure of any kind answers with its error code in `structuredContent`.
 */
export function createMcpServer(mem: AgentMem): Server {
  const server = new Server({ name: 'agent-mem', version: PACKAGE_VERSION }, { capabilities: { tools: {} }, instructions });
  const tools = new Map(memoryTools.map((tool) => [tool.name, tool]));
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: memoryTools.map(describeTool) }));
  server.setRequestHandler(CallToolRequestSchema, (request) => {
    const tool = tools.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `no tool named ${request.params.name}`);
    return callMemoryTool(mem, tool, request.params.arguments);
  });
  return server;
}
