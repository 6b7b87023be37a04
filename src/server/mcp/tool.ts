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
  /**
   * For tools whose answer a model reads: the answer's schema (given to clients as `outputSchema`;
   * the full answer goes in `structuredContent`) and the short text the model reads instead of JSON.
   */
  output?: { schema: z.ZodObject; text(result: never): string };
}

/** Keeps `run`'s argument typed by the schema while tools share one list type. */
export function defineTool<S extends z.ZodObject, R = unknown>(
  tool: Omit<MemoryTool<S>, 'run' | 'output'> & { run(mem: AgentMem, args: z.infer<S>): Promise<R>; output?: { schema: z.ZodObject; text(result: R): string } },
): MemoryTool {
  return tool as unknown as MemoryTool;
}

export const readOnly: ToolAnnotations = { readOnlyHint: true, openWorldHint: false };
export const additive: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, openWorldHint: false };
export const destructive: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, openWorldHint: false };
