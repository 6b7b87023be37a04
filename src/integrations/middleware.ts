import { createHash } from 'node:crypto';
import type { LanguageModelV3CallOptions, LanguageModelV3Middleware, LanguageModelV3Prompt, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import type { Episode } from '../model/episode.js';
import type { ContextForInput } from '../model/schemas/integration.js';
import type { AddMessagesInput, MessageInput } from '../model/schemas/message.js';
import type { MemoryContextBlock } from './context.js';

/** The part of AgentMem the middleware uses. */
export interface MiddlewareMemory {
  contextFor(input: ContextForInput): Promise<MemoryContextBlock>;
  addMessages(input: AddMessagesInput): Promise<Episode[]>;
  /** Runs the task without waiting; `whenIdle()` waits for it. */
  runInBackground(name: string, task: () => Promise<unknown>): void;
}

export interface MemoryMiddlewareOptions {
  mem: MiddlewareMemory;
  externalId: string;
  /** Memories injected per call (default 10). */
  limit?: number;
  /** Token budget of the injected block (default 1000). */
  maxTokens?: number;
  /** Leave out memories scoring below this (the scale of retrieveMemories' scores). */
  minScore?: number;
  /** Record each exchange (user message, answer) as turns of the conversation's session (default true). */
  record?: boolean;
  /**
   * The session an exchange belongs to. Default: one per conversation, named after its opening user
   * message (two conversations of one externalId that open with the same words share a session; pass
   * your chat's id to avoid that).
   */
  sessionId?: string | ((params: LanguageModelV3CallOptions) => string);
  /** Called when recording an exchange fails; the model's answer is returned regardless. Default: process.emitWarning. */
  onRecordError?: (error: unknown) => void;
}

const textOf = (message: LanguageModelV3Prompt[number] | undefined) =>
  message?.role === 'user' ? message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n').trim() : '';

function lastUserText(prompt: LanguageModelV3Prompt): string {
  return textOf(prompt.findLast((m) => m.role === 'user'));
}

/** The prompt with the memory block as a system message after the caller's own system messages. */
function withMemory(prompt: LanguageModelV3Prompt, block: string): LanguageModelV3Prompt {
  const at = prompt.findIndex((m) => m.role !== 'system');
  const index = at < 0 ? prompt.length : at;
  return [...prompt.slice(0, index), { role: 'system', content: block }, ...prompt.slice(index)];
}

/** `chat-` and a digest of the conversation's first user message: the same for every call of one conversation. */
function openingSession(params: LanguageModelV3CallOptions): string {
  const opening = textOf(params.prompt.find((m) => m.role === 'user'));
  return `chat-${createHash('sha256').update(opening).digest('hex').slice(0, 24)}`;
}

/**
 * AI SDK language-model middleware: before each call, the memories relevant to the latest user
 * message go into the prompt (via `contextFor`); after it, the user message and the model's answer
 * are recorded as turns of the conversation's session (via `addMessages`) in the background: the
 * answer is returned at once, `mem.whenIdle()` waits for the recording, and a failure goes to
 * `onRecordError`. Exchanges of one session are recorded in the order they happened.
 * Use with `wrapLanguageModel({ model, middleware: memoryMiddleware(...) })`.
 */
export function memoryMiddleware(options: MemoryMiddlewareOptions): LanguageModelV3Middleware {
  const { mem, externalId } = options;
  const onRecordError = options.onRecordError ?? ((error: unknown) => process.emitWarning(`agent-mem: recording an exchange failed: ${error instanceof Error ? error.message : String(error)}`));
  const sessionOf = (params: LanguageModelV3CallOptions) =>
    typeof options.sessionId === 'function' ? options.sessionId(params) : (options.sessionId ?? openingSession(params));
  /** The last recording of each session, so the next one starts after it. */
  const pending = new Map<string, Promise<void>>();

  const record = (params: LanguageModelV3CallOptions, answer: string) => {
    if (options.record === false) return;
    // In a multi-step (tool) loop the user message is only new on the step it ends the prompt.
    const userIsNew = params.prompt.at(-1)?.role === 'user';
    const messages: MessageInput[] = [
      { role: 'user' as const, content: userIsNew ? lastUserText(params.prompt) : '' },
      { role: 'assistant' as const, content: answer.trim() },
    ].filter((m) => m.content);
    if (messages.length === 0) return;
    const sessionId = sessionOf(params);
    const recorded = (pending.get(sessionId) ?? Promise.resolve())
      .then(() => mem.addMessages({ externalId, sessionId, messages }))
      .then(
        () => {},
        (error: unknown) => onRecordError(error),
      );
    pending.set(sessionId, recorded);
    mem.runInBackground('record exchange', () =>
      recorded.finally(() => {
        if (pending.get(sessionId) === recorded) pending.delete(sessionId);
      }),
    );
  };

  return {
    specificationVersion: 'v3',
    async transformParams({ params }) {
      const task = lastUserText(params.prompt);
      if (!task) return params;
      const block = await mem.contextFor({
        externalId,
        task,
        ...(options.limit ? { limit: options.limit } : {}),
        ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
        ...(options.minScore !== undefined ? { minScore: options.minScore } : {}),
      });
      return block.prompt ? { ...params, prompt: withMemory(params.prompt, block.prompt) } : params;
    },
    async wrapGenerate({ doGenerate, params }) {
      const result = await doGenerate();
      record(params, result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join(''));
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
