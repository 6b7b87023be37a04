import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { NotFoundError } from '../errors.js';
import type { ActiveMemory } from '../model/active-memory.js';
import type { ConsolidationRun } from '../model/run.js';
import type { Scope } from '../model/scope.js';
import type { ShortTermMemory } from '../model/tiers.js';
import { memoryRefSchema, type MemoryRef } from '../model/schemas/active-memory.js';
import { parseInput } from '../model/validate.js';
import { scopeOf, type EngineDeps } from '../runtime/engine-deps.js';
import { buildConflicts } from './conflicts.js';
import { CachingEmbedder } from './embedding-cache.js';
import { chunkTextsToEmbed, executePlan } from './execute-plan.js';
import { extractEntities } from './extract.js';
import { longTermQuerySchema, runRefSchema, runsQuerySchema, type LongTermQuery, type RunRef, type RunsQuery } from '../model/schemas/consolidation.js';
import { decidePlan } from './memorizer.js';
import { readLongTerm, readShortTerm, type LongTermView, type ShortTermView } from './memory-views.js';
import { planTargets } from './plan.js';
import { promote } from './promotion.js';
import { failInterruptedRuns, finishRun, messageOf, newRun, type RunPatch } from './run-records.js';

export type ConsolidationTrigger = 'manual' | 'threshold';

export const LOCK_HELD_REASON = 'another consolidation of this memory is running';
export const NOTHING_TO_DO_REASON = 'no section has changed since the last consolidation';

/** Active → short-term consolidation and short-term → long-term promotion, one memory at a time. */
export class ConsolidationEngine {
  private readonly embedder: CachingEmbedder;

  constructor(private readonly deps: EngineDeps) {
    this.embedder = new CachingEmbedder(deps.embedder);
  }

  /** Runs one consolidation now and returns its run record. */
  async consolidate(input: MemoryRef): Promise<ConsolidationRun> {
    const ref = parseInput(memoryRefSchema, input, 'consolidate input');
    const scope = scopeOf(this.deps, ref.externalId);
    await this.requireMemory(scope, ref.memoryId);
    return this.run(scope, ref.memoryId, 'manual');
  }

  /** Starts a consolidation without waiting; its failure is recorded in its run, never thrown. */
  startInBackground(scope: Scope, memoryId: string): void {
    this.deps.background.start(`consolidation ${memoryId}`, () => this.run(scope, memoryId, 'threshold'));
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

  private async run(scope: Scope, memoryId: string, trigger: ConsolidationTrigger): Promise<ConsolidationRun> {
    const { store, config } = this.deps;
    const run = newRun(scope, 'consolidation', memoryId, trigger, this.now());
    const lock = await store.locks.tryAcquire(['consolidation', scope.tenantId, scope.externalId, memoryId], config.lockTtlSeconds * 1000);
    if (!lock) {
      const skipped: ConsolidationRun = { ...run, status: 'skipped', report: { reason: LOCK_HELD_REASON }, finishedAt: this.now() };
      await store.runs.insert(skipped);
      return skipped;
    }
    try {
      await store.runs.insert(run);
      return await this.consolidateLocked(scope, run);
    } catch (error) {
      this.deps.logger.error({ err: error, memoryId, runId: run.id }, 'consolidation failed');
      await this.finish(scope, run, { status: 'failed', error: messageOf(error) }).catch((e: unknown) =>
        this.deps.logger.error({ err: e, runId: run.id }, 'could not record the failed consolidation'),
      );
      throw error;
    } finally {
      await lock.release();
    }
  }

  private async consolidateLocked(scope: Scope, run: ConsolidationRun): Promise<ConsolidationRun> {
    const { store, config, llm } = this.deps;
    const memoryId = run.memoryId!;
    const interrupted = await failInterruptedRuns(store, scope, memoryId, run.id, this.now());
    const memory = await this.requireMemory(scope, memoryId);
    const sections = memory.sections.filter((s) => s.updateCount > 0);
    if (sections.length === 0) {
      const skipped = await this.finish(scope, run, { status: 'skipped', report: { reason: NOTHING_TO_DO_REASON, interruptedRuns: interrupted } });
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
      interruptedRuns: interrupted,
      timings,
    };
    const counts = await store.transaction(async (tx) => {
      if (!existing) await tx.shortterm.insert(shortterm);
      const planCounts = await executePlan(tx, decided.plan, { scope, shortterm, entities, relationships, embeddings, at });
      await tx.shortterm.update(scope, shortterm.id, { updateCount }, at);
      await tx.active.resetUpdateCounts(scope, memoryId, at, sections.map((s) => ({ sectionId: s.id, content: s.content })));
      const counts = { sectionsConsolidated: sections.length, ...planCounts };
      await tx.runs.update(scope, run.id, { status: 'succeeded', counts, report, finishedAt: this.now() });
      return counts;
    });
    return this.promoteIfDue(scope, memory, { ...run, status: 'succeeded', counts, report, finishedAt: this.now() });
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
    const embedder = this.embedder;
    const run = newRun(scope, 'promotion', shortterm.activeMemoryId, `consolidation:${consolidationRunId}`, this.now(), { shorttermId: shortterm.id });
    await store.runs.insert(run);
    try {
      const counts = await promote({ store, embedder, scope, shortterm, emptySections, historyLimit: config.historyLimit, runId: run.id, at: this.now() });
      return this.finish(scope, run, { status: 'succeeded', counts: { ...counts } });
    } catch (error) {
      this.deps.logger.error({ err: error, runId: run.id }, 'promotion failed');
      await this.finish(scope, run, { status: 'failed', error: messageOf(error) });
      throw error;
    }
  }

  private finish(scope: Scope, run: ConsolidationRun, patch: RunPatch): Promise<ConsolidationRun> {
    return finishRun(this.deps.store, scope, run, patch, this.now());
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
