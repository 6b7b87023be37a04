import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AgentMem } from '../../agent-mem.js';
import { AgentMemError, ValidationError } from '../../errors.js';
import { parseInput } from '../../model/validate.js';
import type { MemoryTool } from './tool.js';

/** What an isError result carries in `structuredContent`, so a client can tell the kind of failure without reading the text. */
export const toolErrorContentSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.object({ field: z.string(), reason: z.string() })).optional() }),
});
export type ToolErrorContent = z.infer<typeof toolErrorContentSchema> & { [key: string]: unknown };

/** An isError result: the reason as text for the model, and the code (and bad fields) for programs. */
function toolError(error: unknown): CallToolResult {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof AgentMemError ? error.code : 'internal';
  const issues = error instanceof ValidationError && error.issues.length ? { issues: error.issues } : {};
  const structuredContent: ToolErrorContent = { error: { code, message, ...issues } };
  return { isError: true, content: [{ type: 'text', text: message }], structuredContent };
}

/**
 * Validates the arguments with the tool's shared schema (unknown fields are errors) and runs it.
 * A tool with an output answers its short text plus the result as `structuredContent`; others, JSON text.
 */
export async function callMemoryTool(mem: AgentMem, tool: MemoryTool, args: unknown): Promise<CallToolResult> {
  try {
    const result = await tool.run(mem, parseInput(tool.inputSchema, args ?? {}, `${tool.name} arguments`));
    if (tool.output) return { content: [{ type: 'text', text: tool.output.text(result as never) }], structuredContent: result as Record<string, unknown> };
    return { content: [{ type: 'text', text: JSON.stringify(result, null, 2) }] };
  } catch (error) {
    return toolError(error);
  }
}
