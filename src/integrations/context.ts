import type { RetrievedMemory } from '../model/retrieval.js';
import type { RetrieveMemoriesInput } from '../model/schemas/retrieval.js';
import { contextForSchema, type ContextForInput } from '../model/schemas/integration.js';
import { parseInput } from '../model/validate.js';

export interface MemoryContextBlock {
  /** The memories that fit the budget, most relevant first. */
  memories: RetrievedMemory[];
  /** A ready prompt block listing them; empty when nothing relevant is stored. */
  prompt: string;
  /** Estimated tokens of `prompt` (4 characters a token). */
  estimatedTokens: number;
}

const CHARS_PER_TOKEN = 4;
const HEADER = 'Relevant long-term memories (most relevant first; facts are current unless dated):';

export const estimateTokens = (text: string) => Math.ceil(text.length / CHARS_PER_TOKEN);

function label(memory: RetrievedMemory): string {
  const { tier, provenance, type } = memory;
  if (tier === 'fact') return `fact${provenance.factKey ? ` ${provenance.factKey}` : ''}`;
  if (tier === 'episode') return [type ?? 'episode', provenance.occurredAt?.slice(0, 10)].filter(Boolean).join(', ');
  return tier === 'active' ? 'working memory' : `${tier} memory`;
}

/** One line per memory: `- [label] content`, newlines folded. */
export function memoryLine(memory: RetrievedMemory): string {
  return `- [${label(memory)}] ${memory.content.replace(/\s+/g, ' ').trim()}`;
}

/**
 * Retrieves the memories relevant to a task (every tier unless told) and renders the prompt block,
 * keeping memories in rank order while the block stays within `maxTokens`.
 */
export async function contextFor(retrieve: (input: RetrieveMemoriesInput) => Promise<RetrievedMemory[]>, input: ContextForInput): Promise<MemoryContextBlock> {
  const parsed = parseInput(contextForSchema, input, 'contextFor input');
  const found = await retrieve({ externalId: parsed.externalId, query: parsed.task, limit: parsed.limit, ...(parsed.tiers ? { tiers: parsed.tiers } : {}) });
  const memories: RetrievedMemory[] = [];
  const lines = [HEADER];
  for (const memory of found) {
    const line = memoryLine(memory);
    if (estimateTokens([...lines, line, '</memory>', '<memory>'].join('\n')) > parsed.maxTokens) break;
    memories.push(memory);
    lines.push(line);
  }
  const prompt = memories.length ? ['<memory>', ...lines, '</memory>'].join('\n') : '';
  return { memories, prompt, estimatedTokens: estimateTokens(prompt) };
}
