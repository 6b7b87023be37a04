import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { parseModelSpec } from './model-spec.js';

/**
 * The language model named by `AGENT_MEM_LLM`, or undefined when none is configured (the
 * deterministic paths run then). Provider keys come from the providers' usual variables
 * (OPENAI_API_KEY, ANTHROPIC_API_KEY; AGENT_MEM_LLM_API_KEY for openai-compatible).
 */
export function createLanguageModel(spec: string | undefined): LanguageModel | undefined {
  if (!spec) return undefined;
  const parsed = parseModelSpec(spec, 'AGENT_MEM_LLM', ['openai', 'anthropic', 'openai-compatible']);
  switch (parsed.provider) {
    case 'openai':
      return createOpenAI()(parsed.model);
    case 'anthropic':
      return createAnthropic()(parsed.model);
    case 'openai-compatible':
      return createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: parsed.baseURL,
        apiKey: process.env.AGENT_MEM_LLM_API_KEY,
        supportsStructuredOutputs: true,
      }).chatModel(parsed.model);
  }
}
