import type { RetrievedMemory } from '../model/retrieval.js';
import type { RetrieveMemoriesInput } from '../model/schemas/retrieval.js';
import { contextForSchema, type ContextForInput } from '../model/schemas/integration.js';
import { parseInput } from '../model/validate.js';
import { memoryLine } from './memory-line.js';

export interface MemoryContextBlock {
  /** The memories that fit the budget, most relevant first (or grouped by session, with `groupBySession`). */
  memories: RetrievedMemory[];
  /** A ready prompt block listing them; empty when nothing relevant is stored. */
  prompt: string;
  /** Estimated tokens of `prompt` (4 characters a token). */
  estimatedTokens: number;
}

const CHARS_PER_TOKEN = 4;
const HEADER = 'Relevant long-term memories (most relevant first; facts are current unless dated):';
const GROUPED_HEADER = 'Relevant long-term memories (conversation turns of one session together, in order; facts are current unless dated):';

export const estimateTokens = (text: string) => Math.ceil(text.length / CHARS_PER_TOKEN);

/**
 * The memories with each session's turns together in the order they were said, sessions (and
 * memories without one) in the order of their best-ranked member.
 */
export function groupBySession(memories: readonly RetrievedMemory[]): RetrievedMemory[] {
  const groups = new Map<string, RetrievedMemory[]>();
  memories.forEach((memory, i) => {
    const key = memory.provenance.sessionId !== undefined ? `session:${memory.provenance.sessionId}` : `memory:${i}`;
    groups.set(key, [...(groups.get(key) ?? []), memory]);
  });
  return [...groups.values()].flatMap((group) => group.sort((a, b) => (a.provenance.position ?? 0) - (b.provenance.position ?? 0)));
}

/**
 * Retrieves the memories relevant to a task (every tier unless told) and renders the prompt block,
 * keeping memories in rank order while the block stays within `maxTokens`.
 */
export async function contextFor(retrieve: (input: RetrieveMemoriesInput) => Promise<RetrievedMemory[]>, input: ContextForInput): Promise<MemoryContextBlock> {
  const { task, maxTokens, groupBySession: grouped, ...query } = parseInput(contextForSchema, input, 'contextFor input');
  const found = await retrieve({ ...query, query: task });
  const header = grouped ? GROUPED_HEADER : HEADER;
  const kept: RetrievedMemory[] = [];
  let lines = [header];
  for (const memory of found) {
    const line = `- ${memoryLine(memory, { id: false })}`;
    if (estimateTokens([...lines, line, '</memory>', '<memory>'].join('\n')) > maxTokens) break;
    kept.push(memory);
    lines.push(line);
  }
  const memories = grouped ? groupBySession(kept) : kept;
  if (grouped) lines = [header, ...memories.map((m) => `- ${memoryLine(m, { id: false })}`)];
  const prompt = memories.length ? ['<memory>', ...lines, '</memory>'].join('\n') : '';
  return { memories, prompt, estimatedTokens: estimateTokens(prompt) };
}
