import type { RetrievedMemory } from '../model/retrieval.js';

/** The day a memory happened or became valid, when it has one. */
function dayOf(memory: RetrievedMemory): string | undefined {
  return (memory.provenance.occurredAt ?? memory.provenance.validFrom)?.slice(0, 10);
}

/**
 * One memory as one line for a model: `[date · tier · id] content`, whitespace folded. The date is
 * left out when the memory has none; the id with `{ id: false }` (a prompt block has no use for it).
 */
export function memoryLine(memory: RetrievedMemory, options: { id: boolean } = { id: true }): string {
  const label = [dayOf(memory), memory.tier, options.id ? memory.id : undefined].filter(Boolean).join(' · ');
  return `[${label}] ${memory.content.replace(/\s+/g, ' ').trim()}`;
}

/** One line per memory, or a plain sentence when there is none. */
export function memoryLines(memories: readonly RetrievedMemory[]): string {
  return memories.length ? memories.map((m) => memoryLine(m)).join('\n') : 'No memories found.';
}
