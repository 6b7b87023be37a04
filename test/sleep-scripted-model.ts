import type { LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 10, text: 10, reasoning: undefined },
};

export function textResult(text: string): LanguageModelV3GenerateResult {
  return { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
}

/**
 * A mock model that answers each call with the next scripted answer: an object (sent as JSON
 * text), a raw string, or an Error to throw. The last answer repeats once the script runs out.
 */
export function scriptedModel(answers: Array<object | string | Error>): MockLanguageModelV3 {
  let call = 0;
  return new MockLanguageModelV3({
    doGenerate: async () => {
      const answer = answers[Math.min(call++, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      return textResult(typeof answer === 'string' ? answer : JSON.stringify(answer));
    },
  });
}
