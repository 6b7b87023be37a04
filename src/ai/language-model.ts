import type { LanguageModel } from 'ai';
import { languageModelFor } from './model-registry.js';

/**
 * The language model named by `AGENT_MEM_LLM` (resolved through the AI SDK provider registry), or
 * undefined when none is configured (the deterministic paths run then).
 */
export function createLanguageModel(spec: string | undefined, env: NodeJS.ProcessEnv = process.env): LanguageModel | undefined {
  return spec ? languageModelFor(spec, env) : undefined;
}
