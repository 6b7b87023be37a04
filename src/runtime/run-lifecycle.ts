import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AgentMemConfig } from '../config.js';
import { ConflictError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ConsolidationRun, RunKind } from '../model/run.js';
import type { Json, Scope } from '../model/scope.js';
import type { RunPatch, Store } from '../store/port.js';
import type { Metrics } from './metrics.js';

export const ABANDONED_ERROR = 'abandoned: the process running it stopped before it finished (its lock lapsed); its work is retried';

/** What a run is of: the lock it holds and the row it writes. */
export interface RunSpec {
  scope: Scope;
  kind: RunKind;
  /** The memory of a consolidation or promotion; null for a sleep cycle. */
  memoryId: string | null;
  trigger: string;
  report?: Json;
}

/** A run recorded as `running`, and how its body records the end. */
export interface StartedRun {
  run: ConsolidationRun;
  /** Runs of the same work that a dead holder had left `running`, now recorded `abandoned`. */
  abandoned: string[];
  /**
   * Records the end (in `tx` when given, so it commits with the work it describes). Throws a
   * ConflictError when the run is no longer `running`: its lease was lost and another process
   * recorded it abandoned, so `tx` rolls back.
   */
  finish(patch: RunPatch, tx?: Store): Promise<ConsolidationRun>;
}

/** Durable work a run takes when it starts and removes when it ends, in the same transactions as its row. */
export interface RunClaim {
  /** Takes the work; a trigger overrides the spec's. Null: nothing is left to do, and no run is recorded. */
  take(tx: Store, runId: string): Promise<{ trigger?: string } | null>;
  /** Removes the work taken, whatever the run's end (a run that fails has had its turn). */
  done(tx: Store, run: ConsolidationRun): Promise<void>;
}

export interface LockedRunOptions<T> {
  /** When another process holds the lock: record a `skipped` run with this report and answer `whenHeld(run)`; without it, answer null. */
  whenHeld?: { report: Json; answer(skipped: ConsolidationRun): T };
  claim?: RunClaim;
}

export interface LifecycleDeps {
  store: Store;
  config: Pick<AgentMemConfig, 'lockTtlSeconds'>;
  logger: Logger;
  metrics: Metrics;
  now(): Date;
}

/** The runs one lock covers: a memory's consolidation and its promotion; a scope's sleep cycle. */
function lockedKinds(kind: RunKind): RunKind[] {
  return kind === 'sleep' ? ['sleep'] : ['consolidation', 'promotion'];
}

/** The lock a run holds (its parts are JSON-encoded, so no tenant or id can make two names equal). */
export function runLockName(kind: RunKind, scope: Scope, memoryId: string | null): string[] {
  return kind === 'sleep' ? ['sleep', scope.tenantId, scope.externalId] : ['consolidation', scope.tenantId, scope.externalId, memoryId ?? ''];
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The one run lifecycle of consolidation, promotion and the sleep cycle: lock → (abandon what a
 * dead holder left running) → run row → finish or fail → release. A run row is `running` only while
 * its lock is held, so a `running` row whose lock is free belongs to a process that died.
 */
export class RunLifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  /** Takes the run's lock and runs `body` as a recorded run; null when the lock is held (without `whenHeld`) or the claim found nothing to do. */
  async runLocked<T>(spec: RunSpec, options: LockedRunOptions<T>, body: (started: StartedRun) => Promise<T>): Promise<T | null> {
    const { store, config } = this.deps;
    const lock = await store.locks.tryAcquire(runLockName(spec.kind, spec.scope, spec.memoryId), config.lockTtlSeconds * 1000);
    if (!lock) {
      if (!options.whenHeld) return null;
      const at = this.now();
      const skipped: ConsolidationRun = { ...this.newRun(spec, spec.trigger, at), status: 'skipped', report: options.whenHeld.report, finishedAt: at };
      await store.runs.insert(skipped);
      this.deps.metrics.runs.inc({ kind: spec.kind, status: 'skipped' });
      return options.whenHeld.answer(skipped);
    }
    try {
      const abandoned = await this.abandon(spec.scope, spec.kind, spec.memoryId);
      return await this.record(spec, body, { abandoned, ...(options.claim ? { claim: options.claim } : {}) });
    } finally {
      await lock.release().catch((error: unknown) => this.deps.logger.warn({ err: error, kind: spec.kind }, 'could not release a run lock; it lapses on its own'));
    }
  }

  /**
   * Runs `body` as a recorded run under a lock the caller holds (promotion under its
   * consolidation's): the row is `running` until the body finishes it; a body that throws is
   * recorded `failed` and the error rethrown.
   */
  async record<T>(spec: RunSpec, body: (started: StartedRun) => Promise<T>, options: { abandoned?: string[]; claim?: RunClaim } = {}): Promise<T | null> {
    const { store, metrics } = this.deps;
    const { claim } = options;
    const id = randomUUID();
    const run = await store.transaction(async (tx) => {
      const taken = claim ? await claim.take(tx, id) : {};
      if (taken === null) return null;
      const started = { ...this.newRun(spec, taken.trigger ?? spec.trigger, this.now()), id };
      await tx.runs.insert(started);
      return started;
    });
    if (!run) return null;
    const clock = performance.now();
    let finished: ConsolidationRun | undefined;
    const finish = async (patch: RunPatch, tx?: Store): Promise<ConsolidationRun> => {
      const write = async (on: Store) => {
        const at = this.now();
        if (!(await on.runStates.finish(spec.scope, run.id, patch, at))) {
          throw new ConflictError(`run ${run.id} lost its lock and was recorded abandoned by another process; what it did was not kept`, { runId: run.id });
        }
        await claim?.done(on, run);
        return { ...run, ...patch, finishedAt: at };
      };
      const done = await (tx ? write(tx) : store.transaction(write));
      // Counted once the transaction that records it has committed (the caller's, or ours).
      finished = done;
      return done;
    };
    metrics.runsInProgress.inc({ kind: spec.kind });
    try {
      const result = await body({ run, abandoned: options.abandoned ?? [], finish });
      if (!finished) throw new Error(`the ${spec.kind} run ended without recording its end`);
      return result;
    } catch (error) {
      if (!finished && !(error instanceof ConflictError && error.details.runId === run.id)) {
        this.deps.logger.error({ err: error, kind: spec.kind, runId: run.id }, `${spec.kind} run failed`);
        await finish({ status: 'failed', error: messageOf(error) }).catch((e: unknown) => this.deps.logger.error({ err: e, runId: run.id }, 'could not record the failed run'));
      }
      throw error;
    } finally {
      metrics.runsInProgress.dec({ kind: spec.kind });
      const status = finished?.status ?? 'abandoned';
      metrics.runs.inc({ kind: spec.kind, status });
      metrics.runDuration.observe({ kind: spec.kind }, (performance.now() - clock) / 1000);
    }
  }

  /**
   * Records the scope's runs of this work that are `running` as `abandoned` (call it holding their
   * lock: their holder is gone) and queues again the sleep requests they had claimed.
   */
  async abandon(scope: Scope, kind: RunKind, memoryId: string | null): Promise<string[]> {
    const at = this.now();
    const ids = await this.deps.store.transaction(async (tx) => {
      const ids = await tx.runStates.abandon(scope, { kinds: lockedKinds(kind), memoryId: kind === 'sleep' ? null : memoryId }, ABANDONED_ERROR, at);
      await tx.sleepQueue.release(scope, ids);
      return ids;
    });
    if (ids.length) {
      this.deps.logger.warn({ ...scope, kind, runs: ids }, 'recorded runs whose process died as abandoned');
      this.deps.metrics.runs.inc({ kind, status: 'abandoned' }, ids.length);
    }
    return ids;
  }

  /**
   * Finds runs recorded `running` whose lock is free (their process died and the lease lapsed),
   * across scopes, and records them abandoned. Returns how many.
   */
  async sweepAbandoned(limit = 200): Promise<number> {
    const { store, config } = this.deps;
    const running = await store.runStates.listRunning(limit);
    const works = new Map(running.map((r) => [JSON.stringify(runLockName(r.kind, r.scope, r.memoryId)), r]));
    let count = 0;
    for (const work of works.values()) {
      const lock = await store.locks.tryAcquire(runLockName(work.kind, work.scope, work.memoryId), config.lockTtlSeconds * 1000);
      if (!lock) continue;
      try {
        count += (await this.abandon(work.scope, work.kind, work.memoryId)).length;
      } finally {
        await lock.release();
      }
    }
    return count;
  }

  private newRun(spec: RunSpec, trigger: string, at: string): ConsolidationRun {
    return {
      id: randomUUID(),
      ...spec.scope,
      kind: spec.kind,
      memoryId: spec.memoryId,
      trigger,
      status: 'running',
      counts: {},
      report: spec.report ?? {},
      error: null,
      startedAt: at,
      finishedAt: null,
    };
  }

  private now(): string {
    return this.deps.now().toISOString();
  }
}
