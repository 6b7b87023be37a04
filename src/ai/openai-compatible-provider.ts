import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { NoSuchModelError, type ProviderV3 } from '@ai-sdk/provider';
import { ConfigError } from '../errors.js';

/** The server and model of an `openai-compatible` model id: `<baseURL>#<model>`. */
function serverAndModel(id: string): { baseURL: string; model: string } {
  const hash = id.lastIndexOf('#');
  const baseURL = hash > 0 ? id.slice(0, hash) : '';
  const model = hash > 0 ? id.slice(hash + 1) : '';
  if (!/^https?:\/\//.test(baseURL) || !model) {
    throw new ConfigError(`"openai-compatible:${id}" needs an http(s) base URL and a model, as openai-compatible:<baseURL>#<model>`);
  }
  return { baseURL, model };
}

/**
 * One provider for every OpenAI-compatible server (Ollama, vLLM, LM Studio…): the model id names
 * the server too, as `<baseURL>#<model>`. Language models send AGENT_MEM_LLM_API_KEY, embedding
 * models AGENT_MEM_EMBEDDINGS_API_KEY, when set.
 */
export function openAICompatibleProvider(env: NodeJS.ProcessEnv): ProviderV3 {
  const server = (baseURL: string, apiKey: string | undefined) =>
    createOpenAICompatible({ name: 'openai-compatible', baseURL, apiKey, supportsStructuredOutputs: true });
  return {
    specificationVersion: 'v3',
    languageModel: (id) => {
      const { baseURL, model } = serverAndModel(id);
      return server(baseURL, env.AGENT_MEM_LLM_API_KEY).chatModel(model);
    },
    embeddingModel: (id) => {
      const { baseURL, model } = serverAndModel(id);
      return server(baseURL, env.AGENT_MEM_EMBEDDINGS_API_KEY).embeddingModel(model);
    },
    imageModel: (id) => {
      throw new NoSuchModelError({ modelId: id, modelType: 'imageModel' });
    },
  };
}
