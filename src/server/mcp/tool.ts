import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { AgentMem } from '../../agent-mem.js';

/** One MCP tool: its model-facing description, the shared zod input schema, and the library call. */
export interface MemoryTool<S extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  inputSchema: S;
  annotations: ToolAnnotations;
  run(mem: AgentMem, args: z.infer<S>): Promise<unknown>;
}

/** Keeps `run`'s argument typed by the schema while tools share one list type. */
export function defineTool<S extends z.ZodObject>(tool: MemoryTool<S>): MemoryTool {
  return tool as unknown as MemoryTool;
}

export const readOnly: ToolAnnotations = { readOnlyHint: true, openWorldHint: false };
export const additive: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, openWorldHint: false };
export const destructive: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, openWorldHint: false };
