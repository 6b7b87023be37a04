import { generateText, NoObjectGeneratedError, Output, type LanguageModel } from 'ai';
import type { z } from 'zod';

/** Why a structured-output call produced nothing usable. */
export type StructuredFailureKind = 'invalid' | 'error' | 'timeout';

export class StructuredOutputFailure extends Error {
  constructor(
    readonly kind: StructuredFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'StructuredOutputFailure';
  }
}

export interface StructuredCall<S extends z.ZodType> {
  model: LanguageModel;
  schema: S;
  name: string;
  system: string;
  prompt: string;
  timeoutMs: number;
}

/**
 * One structured-output call whose answer the AI SDK validates with `schema`. Every failure comes
 * back as a StructuredOutputFailure saying whether the answer was invalid, the model failed, or the
 * time ran out, so callers can fall back and record why.
 */
export async function generateStructured<S extends z.ZodType>(call: StructuredCall<S>): Promise<z.infer<S>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new StructuredOutputFailure('timeout', `the model did not answer within ${call.timeoutMs} ms`));
    }, call.timeoutMs);
  });
  try {
    const request = generateText({
      model: call.model,
      output: Output.object({ schema: call.schema, name: call.name }),
      system: call.system,
      prompt: call.prompt,
      maxRetries: 0,
      abortSignal: controller.signal,
    });
    // The race also covers models that ignore the abort signal.
    const result = await Promise.race([request, timeout]);
    return result.output as z.infer<S>;
  } catch (error) {
    if (error instanceof StructuredOutputFailure) throw error;
    if (NoObjectGeneratedError.isInstance(error)) {
      throw new StructuredOutputFailure('invalid', `the model's answer does not match the ${call.name} schema: ${describe(error.cause ?? error)}`);
    }
    throw new StructuredOutputFailure('error', `the model call failed: ${describe(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
