import { UnavailableError, ValidationError } from '../errors.js';

/** `promise`, or an UnavailableError once `ms` have passed. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UnavailableError(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `work` up to 1 + maxRetries times, each under `timeoutMs`, backing off between tries. Bad
 * input (ValidationError) is not retried: it would fail the same way again.
 */
export async function attempt<T>(work: () => Promise<T>, options: { timeoutMs: number; maxRetries: number; what: string }): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i <= options.maxRetries; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** (i - 1)));
    try {
      return await withTimeout(work(), options.timeoutMs, options.what);
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
