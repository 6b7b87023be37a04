import { performance } from 'node:perf_hooks';
import { factText } from '../facts/fact-versions.js';
import type { SleepTask } from '../model/background.js';
import type { Fact } from '../model/fact.js';
import type { ConsolidationRun } from '../model/run.js';
import type { Scope } from '../model/scope.js';
import type { Tier } from '../model/tiers.js';
import {
  runSleepCycleSchema,
  sleepCycleOptionsSchema,
  sleepReportsSchema,
  type RunSleepCycleInput,
  type SleepCycleOptions,
  type SleepReportsInput,
} from '../model/schemas/sleep.js';
import { parseInput } from '../model/validate.js';
import { scopeOf, type EngineDeps } from '../runtime/engine-deps.js';
import { messageOf, RunLifecycle, type LockedRunOptions, type RunClaim } from '../runtime/run-lifecycle.js';
import type { Store } from '../store/port.js';
import { alignGist, suggestKey, type KnownFact } from './aligner.js';
import { clusterEpisodes, DEFAULT_CLUSTER_OPTIONS, type ClusterOptions } from './clusterer.js';
import { sampleEntities } from './entities.js';
import { extractGist, type Gist } from './gists.js';
import { draftFor, migrateCluster, type EpisodeMark } from './migrator.js';
import { countsOf, reportOfRun, type SleepReport } from './report.js';
import { DEFAULT_SAMPLER_OPTIONS, sampleEpisodes, type SamplerOptions } from './sampler.js';

const DEFAULT_ALIGN_THRESHOLD = 0.85;

interface CycleSettings {
  sampler: SamplerOptions;
  clusters: ClusterOptions;
  alignThreshold: number;
  markAs: EpisodeMark;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function settingsOf(options: SleepCycleOptions): CycleSettings {
  const { alignThreshold, markAs, ...rest } = options;
  const given = definedOnly(rest);
  return {
    sampler: { ...DEFAULT_SAMPLER_OPTIONS, ...given },
    clusters: { ...DEFAULT_CLUSTER_OPTIONS, ...given },
    alignThreshold: alignThreshold ?? DEFAULT_ALIGN_THRESHOLD,
    markAs: markAs ?? 'consolidated',
  };
}

function emptyReport(scope: Scope, trigger: string, at: string): SleepReport {
  return {
    runId: '',
    ...scope,
    trigger,
    status: 'succeeded',
    sampled: 0,
    clusters: 0,
    gists: 0,
    factsCreated: 0,
    factsUpdated: 0,
    episodesMarked: 0,
    deferred: 0,
    errors: [],
    elapsedMs: 0,
    startedAt: at,
    finishedAt: at,
    facts: [],
  };
}

/** A scheduled or quota request made before a cycle that has run since is satisfied already. */
async function satisfied(tx: Store, task: SleepTask): Promise<boolean> {
  if (task.kind !== 'scheduled' && task.kind !== 'quota') return false;
  const last = await tx.runStates.latest(task.scope, 'sleep', ['succeeded', 'failed']);
  return last !== undefined && Date.parse(last.startedAt) >= Date.parse(task.enqueuedAt);
}

/** A worker's cycle takes the scope's queued request when it starts and removes it when it ends. */
function queuedClaim(scope: Scope): RunClaim {
  return {
    async take(tx, runId) {
      const task = await tx.sleepQueue.claim(scope, runId);
      if (!task) return null;
      if (await satisfied(tx, task)) {
        await tx.sleepQueue.complete(scope, runId);
        return null;
      }
      return { trigger: task.trigger };
    },
    done: (tx, run) => tx.sleepQueue.complete(scope, run.id),
  };
}

/** The sleep cycle of one scope: sample → cluster → gist → align → migrate → persisted report. */
export class SleepCycle {
  private readonly lifecycle: RunLifecycle;

  constructor(private readonly deps: EngineDeps) {
    this.lifecycle = new RunLifecycle(deps);
  }

  /** Runs a cycle now; `skipped` (and returned at once) while another process runs one of this scope. */
  async run(input: RunSleepCycleInput): Promise<SleepReport> {
    const { externalId, trigger, ...options } = parseInput(runSleepCycleSchema, input, 'runSleepCycle input');
    const scope = scopeOf(this.deps, externalId);
    const at = this.deps.now().toISOString();
    const skipped = { ...emptyReport(scope, trigger, at), status: 'skipped' as const, errors: ['another sleep cycle of this scope is running'] };
    const whenHeld = { report: { ...skipped }, answer: (run: ConsolidationRun) => reportOfRun(run)! };
    return (await this.execute(scope, trigger, settingsOf(options), { whenHeld }))!;
  }

  /**
   * A worker's cycle of a scope with a queued request, with the options the scope registered; null
   * when another process holds the scope or took the request first.
   */
  async runQueued(scope: Scope): Promise<SleepReport | null> {
    const registered = await this.deps.store.sleepTriggers.get(scope);
    const options = parseInput(sleepCycleOptionsSchema, registered?.cycle ?? {}, 'registered sleep-cycle options');
    return this.execute(scope, 'queued', settingsOf(options), { claim: queuedClaim(scope) });
  }

  private execute(scope: Scope, trigger: string, settings: CycleSettings, options: LockedRunOptions<SleepReport>): Promise<SleepReport | null> {
    return this.lifecycle.runLocked<SleepReport>({ scope, kind: 'sleep', memoryId: null, trigger }, options, async ({ run, finish }) => {
      const started = performance.now();
      const report: SleepReport = { ...emptyReport(scope, run.trigger, run.startedAt), runId: run.id };
      try {
        await this.consolidate(scope, settings, report);
      } catch (error) {
        report.status = 'failed';
        report.errors.push(messageOf(error));
        this.deps.logger.error({ err: error, ...scope }, 'sleep cycle failed');
      }
      report.finishedAt = this.deps.now().toISOString();
      report.elapsedMs = Math.round(performance.now() - started);
      const error = report.status === 'failed' ? (report.errors.at(-1) ?? null) : null;
      await finish({ status: report.status, counts: countsOf(report), report: { ...report }, error });
      return report;
    });
  }

  /** Finished sleep cycles of a scope, newest first. */
  async reports(input: SleepReportsInput): Promise<SleepReport[]> {
    const { externalId, limit } = parseInput(sleepReportsSchema, input, 'getSleepReports input');
    const runs = await this.deps.store.runs.list(scopeOf(this.deps, externalId), { kind: 'sleep', limit: limit ?? 20 });
    return runs.flatMap((run) => reportOfRun(run) ?? []);
  }

  /** The indexed vectors of items of a tier, by position; an item the index has no vector for is embedded. */
  private async indexedVectors(scope: Scope, tier: Tier, items: Array<{ id: string; text: string }>): Promise<Float32Array[]> {
    const stored = await this.deps.store.searchIndex.getVectors(scope, tier, items.map((i) => i.id));
    const missing = items.filter((i) => !stored.has(i.id));
    const fresh = await this.deps.embedder.embed(missing.map((i) => i.text));
    missing.forEach((item, i) => stored.set(item.id, fresh[i]!));
    return items.map((i) => stored.get(i.id)!);
  }

  private async consolidate(scope: Scope, settings: CycleSettings, report: SleepReport): Promise<void> {
    const { store, embedder, llm, config } = this.deps;
    const now = this.deps.now();
    const sampled = await sampleEpisodes(store, scope, settings.sampler, now);
    report.sampled = sampled.length;
    if (sampled.length === 0) return;

    const vectors = await this.indexedVectors(scope, 'episode', sampled.map(({ episode }) => ({ id: episode.id, text: episode.text })));
    const entities = sampleEntities(sampled.map((s) => s.episode));
    const inputs = sampled.map(({ episode }, i) => ({ episode, vector: vectors[i]!, entities: entities[i]! }));
    const { clusters, deferred } = clusterEpisodes(inputs, settings.clusters);
    report.clusters = clusters.length;
    report.deferred = deferred.length;

    const gists: Gist[] = [];
    for (const cluster of clusters) {
      const { gist, error } = await extractGist(cluster, llm, config.llmTimeoutMs);
      if (error) report.errors.push(error);
      gists.push(gist);
    }
    report.gists = gists.length;

    // Gists are compared with facts in the form facts are indexed in: `key: value (subject predicate)`.
    const gistVectors = await embedder.embed(gists.map((g) => factText({ ...g, key: suggestKey(g) })));
    const facts = await store.facts.list(scope);
    const factVectors = await this.indexedVectors(scope, 'fact', facts.map((f) => ({ id: f.id, text: factText(f) })));
    const known: KnownFact[] = facts.map((fact, i) => ({ fact, vector: factVectors[i]! }));
    const at = now.toISOString();
    const plans = clusters.map((cluster, i) => {
      const gist = gists[i]!;
      const alignment = alignGist(gist, gistVectors[i]!, known, settings.alignThreshold);
      const evidenceIds = cluster.members.map((m) => m.episode.id);
      const draft = draftFor(gist, alignment, evidenceIds);
      // Later clusters of this cycle align against what earlier ones wrote.
      const pending: Fact = { id: '', ...scope, ...draft, subject: draft.subject ?? null, predicate: draft.predicate ?? null, validFrom: at, validTo: null, createdAt: at };
      const index = known.findIndex((k) => k.fact.key === draft.key);
      if (index >= 0) known.splice(index, 1);
      known.push({ fact: pending, vector: gistVectors[i]! });
      return { gist, alignment, draft, episodeIds: evidenceIds };
    });

    const embeddings = await embedder.embed(plans.map((p) => factText({ ...p.draft, subject: p.draft.subject ?? null, predicate: p.draft.predicate ?? null })));
    for (const [i, plan] of plans.entries()) {
      try {
        const { fact } = await migrateCluster(store, scope, { draft: plan.draft, embedding: embeddings[i]!, episodeIds: plan.episodeIds, mark: settings.markAs }, at);
        if (plan.alignment.action === 'create') report.factsCreated++;
        else report.factsUpdated++;
        report.episodesMarked += plan.episodeIds.length;
        report.facts.push({
          factId: fact.id,
          key: fact.key,
          action: plan.alignment.action,
          ...(plan.alignment.action === 'update' ? { matchedBy: plan.alignment.matchedBy } : {}),
          gistSource: plan.gist.source,
          evidenceIds: plan.episodeIds,
        });
      } catch (error) {
        report.errors.push(`cluster of ${plan.episodeIds.length} episodes (key ${plan.draft.key}) was not migrated: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
