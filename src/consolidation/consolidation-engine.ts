import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { NotFoundError } from '../errors.js';
import type { ActiveMemory } from '../model/active-memory.js';
import type { PendingConsolidation } from '../model/background.js';
import type { ConsolidationRun } from '../model/run.js';
import type { Scope } from '../model/scope.js';
import type { ShortTermMemory } from '../model/tiers.js';
import { memoryRefSchema, type MemoryRef } from '../model/schemas/active-memory.js';
import { parseInput } from '../model/validate.js';
import { scopeOf, type EngineDeps } from '../runtime/engine-deps.js';
import { messageOf, RunLifecycle, type LockedRunOptions, type RunClaim, type StartedRun } from '../runtime/run-lifecycle.js';
import { buildConflicts } from './conflicts.js';
import { CachingEmbedder } from './embedding-cache.js';
import { chunkTextsToEmbed, executePlan } from './execute-plan.js';
import { extractEntities } from './extract.js';
import { longTermQuerySchema, runRefSchema, runsQuerySchema, type LongTermQuery, type RunRef, type RunsQuery } from '../model/schemas/consolidation.js';
import { decidePlan } from './memorizer.js';
import { readLongTerm, readShortTerm, type LongTermView, type ShortTermView } from './memory-views.js';
import { planTargets } from './plan.js';
import { promote } from './promotion.js';

export type ConsolidationTrigger = 'manual' | 'threshold';

export const LOCK_HELD_REASON = 'another consolidation of this memory is running';
export const NOTHING_TO_DO_REASON = 'no section has changed since the last consolidation';

/**
 * What a consolidation takes from the durable pending work: the memory's pending row, if any; it
 * removes the row at the end unless the threshold was reached again meanwhile. A worker's run needs
 * the row (`required`): gone means another process did it.
 */
function pendingClaim(scope: Scope, memoryId: string, required: boolean): RunClaim {
  let requests: number | undefined;
  return {
    async take(tx) {
      requests = (await tx.pendingConsolidations.get(scope, memoryId))?.requests;
      return requests === undefined && required ? null : {};
    },
    async done(tx) {
      if (requests !== undefined) await tx.pendingConsolidations.complete(scope, memoryId, requests);
    },
  };
}

/** Active → short-term consolidation and short-term → long-term promotion, one memory at a time. */
export class ConsolidationEngine {
  private readonly embedder: CachingEmbedder;
  private readonly lifecycle: RunLifecycle;

  constructor(private readonly deps: EngineDeps) {
    this.embedder = new CachingEmbedder(deps.embedder);
    this.lifecycle = new RunLifecycle(deps);
  }

  /** Runs one consolidation now and returns its run record (`skipped` while another process runs one). */
  async consolidate(input: MemoryRef): Promise<ConsolidationRun> {
    const ref = parseInput(memoryRefSchema, input, 'consolidate input');
    const scope = scopeOf(this.deps, ref.externalId);
    await this.requireMemory(scope, ref.memoryId);
    const whenHeld = { report: { reason: LOCK_HELD_REASON }, answer: (skipped: ConsolidationRun) => skipped };
    return (await this.run(scope, ref.memoryId, 'manual', { whenHeld, claim: pendingClaim(scope, ref.memoryId, false) }))!;
  }

  /**
   * A worker's run of a memory that reached its threshold; null when another process holds it or
   * has done it. A failure is recorded in the run and thrown.
   */
  runPending(pending: PendingConsolidation): Promise<ConsolidationRun | null> {
    return this.run(pending.scope, pending.memoryId, 'threshold', { claim: pendingClaim(pending.scope, pending.memoryId, true) });
  }

  async listRuns(input: RunsQuery): Promise<ConsolidationRun[]> {
    const { externalId, ...filter } = parseInput(runsQuerySchema, input, 'getConsolidationRuns input');
    return this.deps.store.runs.list(scopeOf(this.deps, externalId), filter);
  }

  async getRun(input: RunRef): Promise<ConsolidationRun> {
    const ref = parseInput(runRefSchema, input, 'getConsolidationRun input');
    const run = await this.deps.store.runs.get(scopeOf(this.deps, ref.externalId), ref.runId);
    if (!run) throw new NotFoundError(`consolidation run ${ref.runId} not found for externalId "${ref.externalId}"`, { runId: ref.runId, externalId: ref.externalId });
    return run;
  }

  async shortTerm(input: MemoryRef): Promise<ShortTermView> {
    const ref = parseInput(memoryRefSchema, input, 'getShortTermMemory input');
    const scope = scopeOf(this.deps, ref.externalId);
    await this.requireMemory(scope, ref.memoryId);
    return readShortTerm(this.deps.store, scope, ref.memoryId);
  }

  async longTerm(input: LongTermQuery): Promise<LongTermView> {
    const { externalId, ...query } = parseInput(longTermQuerySchema, input, 'getLongTermMemory input');
    return readLongTerm(this.deps.store, scopeOf(this.deps, externalId), query);
  }

  private run(scope: Scope, memoryId: string, trigger: ConsolidationTrigger, options: LockedRunOptions<ConsolidationRun>): Promise<ConsolidationRun | null> {
    return this.lifecycle.runLocked<ConsolidationRun>({ scope, kind: 'consolidation', memoryId, trigger }, options, (started) => this.consolidateLocked(scope, started));
  }

  private async consolidateLocked(scope: Scope, started: StartedRun): Promise<ConsolidationRun> {
    const { store, config, llm } = this.deps;
    const { run, abandoned } = started;
    const memoryId = run.memoryId!;
    const memory = await this.requireMemory(scope, memoryId);
    const sections = memory.sections.filter((s) => s.updateCount > 0);
    if (sections.length === 0) {
      const skipped = await started.finish({ status: 'skipped', report: { reason: NOTHING_TO_DO_REASON, abandonedRuns: abandoned } });
      return this.promoteIfDue(scope, memory, skipped);
    }

    const timings: Record<string, number> = {};
    const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      try {
        return await fn();
      } finally {
        timings[name] = Math.round(performance.now() - started);
      }
    };

    const at = this.now();
    const existing = await store.shortterm.getForMemory(scope, memoryId);
    const shortterm = existing ?? { id: randomUUID(), ...scope, activeMemoryId: memoryId, updateCount: 0, metadata: {}, createdAt: at, updatedAt: at };
    const [chunks, entities, relationships] = existing
      ? await Promise.all([
          store.shortterm.listChunks(scope, { shorttermId: existing.id }),
          store.graph('shortterm').listEntities(scope, { shorttermId: existing.id }),
          store.graph('shortterm').listRelationships(scope, { shorttermId: existing.id }),
        ])
      : [[], [], []];

    const extracted = await timed('extractionMs', () => extractEntities(sections.map((s) => s.content).filter((c) => c.trim()), llm, config.llmTimeoutMs));
    const conflicts = buildConflicts({ sections, chunks, entities, relationships, extraction: extracted.extraction });
    const targets = planTargets(conflicts, { entityIds: entities.map((e) => e.id), relationshipIds: relationships.map((r) => r.id) });
    const decided = await timed('planMs', () => decidePlan(llm, conflicts, targets, config.llmTimeoutMs));
    if (decided.fallbackReason) this.deps.logger.warn({ memoryId, reason: decided.fallbackReason }, 'Memorizer plan unusable; used the deterministic resolver');

    const texts = chunkTextsToEmbed(decided.plan);
    const vectors = await timed('embeddingMs', () => this.embedder.embed(texts));
    const embeddings = new Map(texts.map((t, i) => [t, vectors[i]!]));
    const updateCount = shortterm.updateCount + 1;
    const report = {
      sections: sections.map((s) => s.id),
      extractor: extracted.extractor,
      ...(extracted.fallbackReason ? { extractionFallbackReason: extracted.fallbackReason } : {}),
      resolver: decided.resolver,
      ...(decided.fallbackReason ? { fallbackReason: decided.fallbackReason } : {}),
      shorttermId: shortterm.id,
      shorttermUpdateCount: updateCount,
      abandonedRuns: abandoned,
      timings,
    };
    const finished = await store.transaction(async (tx) => {
      if (!existing) await tx.shortterm.insert(shortterm);
      const planCounts = await executePlan(tx, decided.plan, { scope, shortterm, entities, relationships, embeddings, at });
      await tx.shortterm.update(scope, shortterm.id, { updateCount }, at);
      await tx.active.resetUpdateCounts(scope, memoryId, at, sections.map((s) => ({ sectionId: s.id, content: s.content })));
      return started.finish({ status: 'succeeded', counts: { sectionsConsolidated: sections.length, ...planCounts }, report }, tx);
    });
    return this.promoteIfDue(scope, memory, finished);
  }

  /**
   * Promotes once the short-term count reaches the threshold; this also finishes a promotion an
   * earlier process did not complete. A failed promotion is recorded in its own run and in the
   * consolidation's report; the consolidation itself has already committed.
   */
  private async promoteIfDue(scope: Scope, memory: ActiveMemory, consolidation: ConsolidationRun): Promise<ConsolidationRun> {
    const shortterm = await this.deps.store.shortterm.getForMemory(scope, memory.id);
    if (!shortterm || shortterm.updateCount < this.deps.config.shorttermUpdateCountThreshold) return consolidation;
    let addition: Record<string, unknown>;
    try {
      const emptySections = memory.sections.filter((s) => !s.content.trim()).map((s) => s.id);
      addition = { promotionRunId: (await this.promote(scope, shortterm, emptySections, consolidation.id)).id };
    } catch (error) {
      addition = { promotionError: messageOf(error) };
    }
    const report = { ...consolidation.report, ...addition };
    await this.deps.store.runs.update(scope, consolidation.id, { report });
    return { ...consolidation, report };
  }

  /** Promotion runs under the consolidation's lock and records its own run. */
  private async promote(scope: Scope, shortterm: ShortTermMemory, emptySections: string[], consolidationRunId: string): Promise<ConsolidationRun> {
    const { store, config } = this.deps;
    const spec = { scope, kind: 'promotion' as const, memoryId: shortterm.activeMemoryId, trigger: `consolidation:${consolidationRunId}`, report: { shorttermId: shortterm.id } };
    const run = await this.lifecycle.record(spec, async ({ run, finish }) => {
      const counts = await promote({ store, embedder: this.embedder, scope, shortterm, emptySections, historyLimit: config.historyLimit, runId: run.id, at: this.now() });
      return finish({ status: 'succeeded', counts: { ...counts } });
    });
    return run!;
  }

  private async requireMemory(scope: Scope, memoryId: string): Promise<ActiveMemory> {
    const memory = await this.deps.store.active.get(scope, memoryId);
    if (!memory) throw new NotFoundError(`active memory ${memoryId} not found for externalId "${scope.externalId}"`, { memoryId, externalId: scope.externalId });
    return memory;
  }

  private now(): string {
    return this.deps.now().toISOString();
  }
}
