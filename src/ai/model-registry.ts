import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import type { EmbeddingModelV3, LanguageModelV3 } from '@ai-sdk/provider';
import { createProviderRegistry, NoSuchModelError } from 'ai';
import { ConfigError } from '../errors.js';
import { openAICompatibleProvider } from './openai-compatible-provider.js';

/**
 * The AI SDK provider registry behind model strings (`<provider>:<model>`). OpenAI and Anthropic
 * read their keys (OPENAI_API_KEY, ANTHROPIC_API_KEY) when a model is called, never before.
 */
function modelRegistry(env: NodeJS.ProcessEnv) {
  return createProviderRegistry({ openai: createOpenAI(), anthropic: createAnthropic(), 'openai-compatible': openAICompatibleProvider(env) });
}

type ModelRegistry = ReturnType<typeof modelRegistry>;
type ModelId = Parameters<ModelRegistry['languageModel']>[0];

/** Resolves a model string; a malformed or unknown one is a ConfigError naming `variable` and what it expects. */
function resolve<M>(variable: string, spec: string, expected: string, env: NodeJS.ProcessEnv, pick: (registry: ModelRegistry, id: ModelId) => M): M {
  try {
    return pick(modelRegistry(env), spec as ModelId);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${variable}: ${error.message}`, { variable });
    if (NoSuchModelError.isInstance(error)) throw new ConfigError(`${variable}: unknown model "${spec}"; expected ${expected}`, { variable });
    throw error;
  }
}

/** The language model of AGENT_MEM_LLM / `config.llm`: `openai:<model>`, `anthropic:<model>` or `openai-compatible:<baseURL>#<model>`. */
export function languageModelFor(spec: string, env: NodeJS.ProcessEnv = process.env): LanguageModelV3 {
  const expected = 'openai:<model> | anthropic:<model> | openai-compatible:<baseURL>#<model>';
  return resolve('AGENT_MEM_LLM', spec, expected, env, (registry, id) => registry.languageModel(id));
}

/** The embedding model of AGENT_MEM_EMBEDDINGS / `config.embeddings` (other than `local`): `openai:<model>` or `openai-compatible:<baseURL>#<model>`. */
export function embeddingModelFor(spec: string, env: NodeJS.ProcessEnv = process.env): EmbeddingModelV3 {
  const expected = 'local | openai:<model> | openai-compatible:<baseURL>#<model>';
  return resolve('AGENT_MEM_EMBEDDINGS', spec, expected, env, (registry, id) => registry.embeddingModel(id));
}
