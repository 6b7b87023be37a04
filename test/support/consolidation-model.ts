/** Scripted AI SDK models for consolidation tests: answers chosen by which call it is. */
import type { LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';
import type { ConsolidationConflicts } from '../../src/consolidation/conflicts-types.js';

export type Answer = { text: string } | { error: Error } | 'hang';
export type Script = {
  /** The entity-extraction call; gets the prompt text. */
  extraction: (prompt: string) => Answer | Promise<Answer>;
  /** The Memorizer call; gets the conflicts it was sent. */
  plan: (conflicts: ConsolidationConflicts) => Answer | Promise<Answer>;
};

function result(text: string): LanguageModelV3GenerateResult {
  return {
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 10, text: 10, reasoning: 0 },
    },
    warnings: [],
  };
}

function promptText(prompt: unknown): { system: string; user: string } {
  const messages = prompt as Array<{ role: string; content: string | Array<{ type: string; text?: string }> }>;
  const text = (role: string) =>
    messages
      .filter((m) => m.role === role)
      .map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => p.text ?? '').join('')))
      .join('\n');
  return { system: text('system'), user: text('user') };
}

/** A MockLanguageModelV3 that answers the extraction and Memorizer calls from `script`; `calls` records which ran. */
export function scriptedModel(script: Script): { model: MockLanguageModelV3; calls: string[] } {
  const calls: string[] = [];
  const model = new MockLanguageModelV3({
    doGenerate: async ({ prompt }) => {
      const { system, user } = promptText(prompt);
      const isPlan = system.includes('Memorizer');
      calls.push(isPlan ? 'plan' : 'extraction');
      const answer = await (isPlan ? script.plan(JSON.parse(user) as ConsolidationConflicts) : script.extraction(user));
      if (answer === 'hang') return new Promise<never>(() => {});
      if ('error' in answer) throw answer.error;
      return result(answer.text);
    },
  });
  return { model, calls };
}

export const json = (value: unknown): Answer => ({ text: JSON.stringify(value) });
