import { randomUUID } from 'node:crypto';
import type { ConsolidationRun, RunKind } from '../model/run.js';
import type { Json, Scope } from '../model/scope.js';
import type { Store } from '../store/port.js';

export type RunPatch = Partial<Pick<ConsolidationRun, 'status' | 'counts' | 'report' | 'error'>>;

/** A new run record, `running`, not yet stored. */
export function newRun(scope: Scope, kind: RunKind, memoryId: string, trigger: string, at: string, report: Json = {}): ConsolidationRun {
  return { id: randomUUID(), ...scope, kind, memoryId, trigger, status: 'running', counts: {}, report, error: null, startedAt: at, finishedAt: null };
}

/** Stores the end of a run and returns the finished record. */
export async function finishRun(store: Store, scope: Scope, run: ConsolidationRun, patch: RunPatch, at: string): Promise<ConsolidationRun> {
  await store.runs.update(scope, run.id, { ...patch, finishedAt: at });
  return { ...run, ...patch, finishedAt: at };
}

/**
 * Runs still `running` for this memory belong to a holder that died (the caller holds the lock
 * now); their writes were rolled back with their transaction, so they are marked failed.
 */
export async function failInterruptedRuns(store: Store, scope: Scope, memoryId: string, currentRunId: string, at: string): Promise<string[]> {
  const stale = (await store.runs.list(scope, { memoryId, limit: 1000 })).filter((r) => r.status === 'running' && r.id !== currentRunId);
  for (const run of stale) {
    await finishRun(store, scope, run, { status: 'failed', error: 'interrupted: the process stopped before the run finished; nothing it began was kept' }, at);
  }
  return stale.map((r) => r.id);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
