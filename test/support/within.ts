import { setTimeout as sleep } from 'node:timers/promises';

/** Rejects when `promise` takes longer than `ms`: a hang fails the test instead of stalling it. */
export function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, sleep(ms, undefined, { ref: false }).then(() => Promise.reject(new Error(`${what} did not finish within ${ms} ms`)))]);
}
