import type { LanguageModelV3CallOptions, LanguageModelV3Middleware, LanguageModelV3Prompt, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import type { Episode } from '../model/episode.js';
import type { AddEpisodesInput } from '../model/schemas/episode.js';
import type { ContextForInput } from '../model/schemas/integration.js';
import type { MemoryContextBlock } from './context.js';

/** The part of AgentMem the middleware uses. */
export interface MiddlewareMemory {
  contextFor(input: ContextForInput): Promise<MemoryContextBlock>;
  addEpisodes(input: AddEpisodesInput): Promise<Episode[]>;
}

export interface MemoryMiddlewareOptions {
  mem: MiddlewareMemory;
  externalId: string;
  /** Memories injected per call (default 10). */
  limit?: number;
  /** Token budget of the injected block (default 1000). */
  maxTokens?: number;
  /** Store each exchange as two `conversation_turn` episodes (default true). */
  record?: boolean;
  /** Called when recording an exchange fails; the model's answer is returned regardless. Default: process.emitWarning. */
  onRecordError?: (error: unknown) => void;
}

function lastUserText(prompt: LanguageModelV3Prompt): string {
  const message = prompt.findLast((m) => m.role === 'user');
  if (!message || message.role !== 'user') return '';
  return message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n').trim();
}

/** The prompt with the memory block as a system message after the caller's own system messages. */
function withMemory(prompt: LanguageModelV3Prompt, block: string): LanguageModelV3Prompt {
  const at = prompt.findIndex((m) => m.role !== 'system');
  const index = at < 0 ? prompt.length : at;
  return [...prompt.slice(0, index), { role: 'system', content: block }, ...prompt.slice(index)];
}

/**
 * AI SDK language-model middleware: before each call, the memories relevant to the latest user
 * message go into the prompt (via `contextFor`); after it, the user message and the model's answer
 * are recorded as episodes. Use with `wrapLanguageModel({ model, middleware: memoryMiddleware(...) })`.
 */
export function memoryMiddleware(options: MemoryMiddlewareOptions): LanguageModelV3Middleware {
  const { mem, externalId } = options;
  const onRecordError = options.onRecordError ?? ((error: unknown) => process.emitWarning(`agent-mem: recording an exchange failed: ${error instanceof Error ? error.message : String(error)}`));

  const record = async (params: LanguageModelV3CallOptions, answer: string) => {
    if (options.record === false) return;
    // In a multi-step (tool) loop the user message is only new on the step it ends the prompt.
    const userIsNew = params.prompt.at(-1)?.role === 'user';
    const turns = [
      { role: 'user', text: userIsNew ? lastUserText(params.prompt) : '' },
      { role: 'assistant', text: answer.trim() },
    ].filter((t) => t.text);
    if (turns.length === 0) return;
    try {
      await mem.addEpisodes({
        externalId,
        episodes: turns.map((t) => ({ text: `${t.role === 'user' ? 'User' : 'Assistant'}: ${t.text}`, type: 'conversation_turn', tags: ['chat', t.role], metadata: { role: t.role } })),
      });
    } catch (error) {
      onRecordError(error);
    }
  };

  return {
    specificationVersion: 'v3',
    async transformParams({ params }) {
      const task = lastUserText(params.prompt);
      if (!task) return params;
      const block = await mem.contextFor({ externalId, task, ...(options.limit ? { limit: options.limit } : {}), ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}) });
      return block.prompt ? { ...params, prompt: withMemory(params.prompt, block.prompt) } : params;
    },
    async wrapGenerate({ doGenerate, params }) {
      const result = await doGenerate();
      await record(params, result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join(''));
      return result;
    },
    async wrapStream({ doStream, params }) {
      const { stream, ...rest } = await doStream();
      let answer = '';
      const recorder = new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
        transform(part, controller) {
          if (part.type === 'text-delta') answer += part.delta;
          controller.enqueue(part);
        },
        flush: () => record(params, answer),
      });
      return { stream: stream.pipeThrough(recorder), ...rest };
    },
  };
}
