import type { LanguageModel } from 'ai';
import { z } from 'zod';
import { storableString } from './model/schemas/common.js';
import { ActiveMemories, type UpdateSectionsResult } from './active/active-memories.js';
import { ConsolidationEngine } from './consolidation/consolidation-engine.js';
import type { LongTermQuery, RunRef, RunsQuery } from './model/schemas/consolidation.js';
import type { LongTermView, ShortTermView } from './consolidation/memory-views.js';
import type { ConsolidationRun } from './model/run.js';
import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import { resolveEmbedder } from './ai/create-embedder.js';
import type { Embedder } from './ai/embedder.js';
import { createLanguageModel } from './ai/language-model.js';
import { reembedStore, type ReembedOptions } from './ai/reembed.js';
import { verifyEmbedder } from './ai/verify-embedder.js';
import { Episodes } from './episodes/episodes.js';
import { Messages } from './episodes/messages.js';
import type { AddMessagesInput } from './model/schemas/message.js';
import type { Episode } from './model/episode.js';
import type { RetrievedMemory } from './model/retrieval.js';
import type { AddEpisodeInput, AddEpisodesInput, EpisodeRef, ListEpisodesInput } from './model/schemas/episode.js';
import type { RetrieveMemoriesInput } from './model/schemas/retrieval.js';
import { Retrieval } from './retrieval/retrieval.js';
import { Facts } from './facts/facts.js';
import { timedEmbedder } from './ai/timed-embedder.js';
import { backgroundConcurrencyOf, resolveConfig, resolveDataDir, resolveDatabaseUrl, type AgentMemConfig, type AgentMemConfigInput } from './config.js';
import { createLogger, type Logger } from './logger.js';
import type { ActiveMemory } from './model/active-memory.js';
import type { Fact } from './model/fact.js';
import { DEFAULT_TENANT } from './model/scope.js';
import { scopeInputSchema, type CreateActiveMemoryInput, type MemoryRef, type UpdateSectionInput, type UpdateSectionsInput } from './model/schemas/active-memory.js';
import type { FactKeyRef, FactRef, ListFactsInput, PutFactInput } from './model/schemas/fact.js';
import type { ContextForInput, RecordOutcomeInput } from './model/schemas/integration.js';
import type { RunSleepCycleInput, SleepReportsInput } from './model/schemas/sleep.js';
import { parseInput } from './model/validate.js';
import { BackgroundWork, type BackgroundItem } from './runtime/background-work.js';
import { Metrics } from './runtime/metrics.js';
import { RunLifecycle } from './runtime/run-lifecycle.js';
import type { MemStatus } from './runtime/status.js';
import { PACKAGE_VERSION } from './server/version.js';
import type { EngineDeps } from './runtime/engine-deps.js';
import { contextFor, type MemoryContextBlock } from './integrations/context.js';
import { recordOutcome } from './integrations/outcome.js';
import { SleepCycle } from './sleep/cycle.js';
import type { SleepReport } from './sleep/report.js';
import { SleepScheduler } from './sleep/scheduler.js';
import { startBackgroundService, type BackgroundService } from './sleep/service.js';
import { TenantSleepScheduler } from './sleep/tenant-scheduler.js';
import { openStore } from './store/open-store.js';
import { ConfigError } from './errors.js';
import type { Page, ScopeSummary, Store, StoreStatus } from './store/port.js';

export interface AgentMemOptions {
  /** Folder of the embedded SQLite store (default `AGENT_MEM_DIR`, else `./.agent-mem`). */
  dataDir?: string;
  /** PostgreSQL URL (default `DATABASE_URL`); when set, the server store is used. */
  databaseUrl?: string;
  /** The tenant every call runs as (default `"default"`). */
  tenantId?: string;
  config?: AgentMemConfigInput;
  /** Overrides `config.embeddings` with any Embedder or AI SDK embedding model. */
  embedder?: Embedder | EmbeddingModelV3;
  /** Any AI SDK language model; overrides `config.llm` (AGENT_MEM_LLM). None: deterministic paths. */
  llm?: LanguageModel;
  logger?: Logger;
  /** For tests and simulations: the clock every timestamp comes from. */
  now?: () => Date;
}

/** A positive number of hours; the service waits at most setInterval's longest delay (24.8 days) between checks. */
const sleepServiceOptionsSchema = z.strictObject({ intervalHours: z.number().positive('must be a positive number of hours').optional() });

const tenantSchema = storableString.trim().min(1, 'must be a non-empty string').max(256);

/** Shared by an AgentMem and every tenant view of it. */
interface Runtime {
  store: Store;
  embedder: Embedder;
  llm: LanguageModel | undefined;
  config: AgentMemConfig;
  logger: Logger;
  metrics: Metrics;
  background: BackgroundWork;
  now: () => Date;
  sleepScheduler: SleepScheduler;
}

/** Runs of the library's own threshold work shown in the status, newest first. */
const RECENT_RUNS = 10;
const QUEUE_SHOWN = 20;

/** Long-term memory for an agent: open it, write to its tiers, retrieve, close. */
export class AgentMem {
  private readonly deps: EngineDeps;
  private readonly activeMemories: ActiveMemories;
  private readonly consolidation: ConsolidationEngine;
  private readonly facts: Facts;
  private readonly episodes: Episodes;
  private readonly messages: Messages;
  private readonly retrieval: Retrieval;
  private readonly sleepCycle: SleepCycle;

  private constructor(
    private readonly runtime: Runtime,
    readonly tenantId: string,
  ) {
    this.deps = { ...runtime, tenantId };
    this.activeMemories = new ActiveMemories(this.deps);
    this.consolidation = new ConsolidationEngine(this.deps);
    this.facts = new Facts(this.deps);
    this.episodes = new Episodes(this.deps);
    this.messages = new Messages(this.deps);
    this.retrieval = new Retrieval(this.deps);
    this.sleepCycle = new SleepCycle(this.deps);
  }

  static async open(options: AgentMemOptions = {}): Promise<AgentMem> {
    const logger = options.logger ?? createLogger();
    const config = resolveConfig(options.config, process.env, logger);
    const tenantId = parseInput(tenantSchema, options.tenantId ?? DEFAULT_TENANT, 'tenantId');
    const databaseUrl = resolveDatabaseUrl(options.databaseUrl);
    const given = await resolveEmbedder(options.embedder, config.embeddings);
    const llm = options.llm ?? createLanguageModel(config.llm);
    const store = await openStore({ dataDir: resolveDataDir(options.dataDir), databaseUrl, config, logger });
    try {
      await verifyEmbedder(store, given);
    } catch (error) {
      await store.close();
      throw error;
    }
    const now = options.now ?? (() => new Date());
    const metrics = new Metrics(store);
    const embedder = timedEmbedder(given, metrics);
    let root: AgentMem | undefined;
    const background = new BackgroundWork({
      store,
      logger,
      concurrency: backgroundConcurrencyOf(config, store.kind),
      retryAfterMs: config.backgroundPollMs,
      run: (item) => root!.runBackground(item),
    });
    const sleepScheduler = new SleepScheduler({ store, now, queued: () => background.kick() });
    root = new AgentMem({ store, embedder, llm, config, logger, metrics, background, now, sleepScheduler }, tenantId);
    return root;
  }

  /**
   * Re-embeds every indexed text of a store with a new embedder (the configured one by default) and
   * records it as the store's; `agent-mem reembed` calls this. Run it with no AgentMem open on the store.
   */
  static async reembed(options: Pick<AgentMemOptions, 'dataDir' | 'databaseUrl' | 'config' | 'embedder' | 'logger'> & ReembedOptions = {}): Promise<{ items: number; embedder: string }> {
    const logger = options.logger ?? createLogger();
    const config = resolveConfig(options.config, process.env, logger);
    const embedder = await resolveEmbedder(options.embedder, config.embeddings);
    const store = await openStore({ dataDir: resolveDataDir(options.dataDir), databaseUrl: resolveDatabaseUrl(options.databaseUrl), config, logger });
    try {
      const { items } = await reembedStore(store, embedder, options);
      return { items, embedder: embedder.id };
    } finally {
      await store.close();
    }
  }

  /**
   * Creates or upgrades the store's schema and returns its status; `agent-mem migrate` calls this.
   * With `distribute`, on a Citus coordinator, tables that already hold rows (a database made
   * before Citus was installed) are distributed too, with their data.
   */
  static async migrate(options: Pick<AgentMemOptions, 'dataDir' | 'databaseUrl' | 'config' | 'logger'> & { distribute?: boolean } = {}): Promise<StoreStatus> {
    const logger = options.logger ?? createLogger();
    const config = resolveConfig(options.config, process.env, logger);
    const databaseUrl = resolveDatabaseUrl(options.databaseUrl);
    if (options.distribute && !databaseUrl) throw new ConfigError('--distribute needs a Citus coordinator: set DATABASE_URL (or --database-url)');
    const store = await openStore({ dataDir: resolveDataDir(options.dataDir), databaseUrl, config, logger, distributeExisting: options.distribute ?? false });
    try {
      const status = await store.status();
      if (options.distribute && status.kind !== 'citus') {
        throw new ConfigError('--distribute needs the citus extension in this database: CREATE EXTENSION citus and add the worker nodes first (docs/scaling.md)');
      }
      return status;
    } finally {
      await store.close();
    }
  }

  /** The same store and engines, acting as another tenant (the server uses one per API key). */
  forTenant(tenantId: string): AgentMem {
    return new AgentMem(this.runtime, parseInput(tenantSchema, tenantId, 'tenantId'));
  }

  get config(): Readonly<AgentMemConfig> {
    return this.runtime.config;
  }

  createActiveMemory(input: CreateActiveMemoryInput): Promise<ActiveMemory> {
    return this.activeMemories.create(input);
  }

  getActiveMemories(input: { externalId: string }): Promise<ActiveMemory[]> {
    return this.activeMemories.list(input);
  }

  getActiveMemory(input: MemoryRef): Promise<ActiveMemory> {
    return this.activeMemories.get(input);
  }

  deleteActiveMemory(input: MemoryRef): Promise<void> {
    return this.activeMemories.delete(input);
  }

  updateActiveMemorySections(input: UpdateSectionsInput): Promise<UpdateSectionsResult> {
    return this.activeMemories.updateSections(input);
  }

  updateActiveMemorySection(input: UpdateSectionInput): Promise<UpdateSectionsResult> {
    return this.activeMemories.updateSection(input);
  }

  /** Writes a fact; a new value for an existing key closes the old version (validTo) and keeps it. */
  putFact(input: PutFactInput): Promise<Fact> {
    return this.facts.put(input);
  }

  /** The current version of a key (or the one valid at `asOf`); NotFoundError when there is none. */
  getFact(input: FactRef): Promise<Fact> {
    return this.facts.get(input);
  }

  listFacts(input: ListFactsInput): Promise<Fact[]> {
    return this.facts.list(input);
  }

  /** Every version of a key, oldest first. */
  factHistory(input: FactKeyRef): Promise<Fact[]> {
    return this.facts.history(input);
  }

  /** Removes every version of a key. */
  deleteFact(input: FactKeyRef): Promise<void> {
    return this.facts.delete(input);
  }

  /** Every externalId of this tenant that owns any memory, episode or fact, with counts. */
  listScopes(): Promise<ScopeSummary[]> {
    return this.runtime.store.scopes.list(this.tenantId);
  }

  /** The memories relevant to a task (every tier) and a ready prompt block within `maxTokens`. */
  contextFor(input: ContextForInput): Promise<MemoryContextBlock> {
    return contextFor((query) => this.retrieveMemories(query), input);
  }

  /** Stores how a task went as a `task_outcome` episode. */
  recordOutcome(input: RecordOutcomeInput): Promise<Episode> {
    return recordOutcome((episode) => this.addEpisode(episode), input);
  }

  /** Runs one sleep cycle of a scope now (episodes → semantic facts) and returns its persisted report. */
  runSleepCycle(input: RunSleepCycleInput): Promise<SleepReport> {
    return this.sleepCycle.run(input);
  }

  /** Reports of finished sleep cycles, newest first. */
  getSleepReports(input: SleepReportsInput): Promise<SleepReport[]> {
    return this.sleepCycle.reports(input);
  }

  /**
   * Sleep-cycle triggers and queue of this tenant's scopes, kept in the store: registerScope,
   * getTriggers, unregisterScope, checkTriggers, triggerManual, emitEvent, pending.
   */
  get sleepScheduler(): TenantSleepScheduler {
    return new TenantSleepScheduler(this.runtime.sleepScheduler, this.tenantId);
  }

  /**
   * This process's background worker (a server runs one): it takes due work of every tenant from
   * the store — pending consolidations and queued sleep cycles, whoever queued them — at most
   * `config.backgroundConcurrency` at once, looks again every `config.backgroundPollMs`, records
   * runs whose process died as abandoned and retries their work, and queues the scopes whose
   * scheduled or quota trigger is due every `intervalHours` (default `config.sleepCheckIntervalHours`;
   * scopes that registered no triggers have the defaults). `stop()` it before `close()`.
   */
  startSleepService(options: { intervalHours?: number } = {}): BackgroundService {
    const { config, logger } = this.runtime;
    return startBackgroundService({
      work: this.runtime.background,
      lifecycle: new RunLifecycle(this.deps),
      scheduler: this.runtime.sleepScheduler,
      pollMs: config.backgroundPollMs,
      checkIntervalMs: (parseInput(sleepServiceOptionsSchema, options, 'startSleepService options').intervalHours ?? config.sleepCheckIntervalHours) * 3_600_000,
      logger,
    });
  }

  /** The Prometheus metrics of this AgentMem (shared by its tenant views); the server serves them at /metrics. */
  get metrics(): Metrics {
    return this.runtime.metrics;
  }

  /** Records one episode (an event, preference, hypothesis, observation, outcome or chat turn). */
  addEpisode(input: AddEpisodeInput): Promise<Episode> {
    return this.episodes.add(input);
  }

  /** Records many episodes, embedding them in batches; returns them in input order. */
  addEpisodes(input: AddEpisodesInput): Promise<Episode[]> {
    return this.episodes.addMany(input);
  }

  /**
   * Records chat messages as `conversation_turn` episodes of a session (a new one unless `sessionId`
   * continues one); returns them in input order. Turns added one call at a time are indexed as if
   * the session had been written in one call.
   */
  addMessages(input: AddMessagesInput): Promise<Episode[]> {
    return this.messages.add(input);
  }

  /** Reads an episode; the read counts as an access. */
  getEpisode(input: EpisodeRef): Promise<Episode> {
    return this.episodes.get(input);
  }

  /** Episodes newest first, filtered, a page at a time. */
  listEpisodes(input: ListEpisodesInput): Promise<Page<Episode>> {
    return this.episodes.list(input);
  }

  deleteEpisode(input: EpisodeRef): Promise<void> {
    return this.episodes.delete(input);
  }

  /** Consolidates a memory's changed sections into short-term memory now (promoting when due); returns the run. */
  consolidate(input: MemoryRef): Promise<ConsolidationRun> {
    return this.consolidation.consolidate(input);
  }

  /** Consolidation, promotion and sleep runs, newest first. */
  getConsolidationRuns(input: RunsQuery): Promise<ConsolidationRun[]> {
    return this.consolidation.listRuns(input);
  }

  getConsolidationRun(input: RunRef): Promise<ConsolidationRun> {
    return this.consolidation.getRun(input);
  }

  /** A memory's short-term tier: chunks, entities, relationships, updateCount, metadata. */
  getShortTermMemory(input: MemoryRef): Promise<ShortTermView> {
    return this.consolidation.shortTerm(input);
  }

  /** The agent's long-term tier, now or as it was at `asOf`. */
  getLongTermMemory(input: LongTermQuery): Promise<LongTermView> {
    return this.consolidation.longTerm(input);
  }

  /** Hybrid search over the tiers asked for; returned episodes count as accessed. */
  retrieveMemories(input: RetrieveMemoriesInput): Promise<RetrievedMemory[]> {
    return this.retrieval.retrieve(input);
  }

  /** Deletes everything of an externalId in every tier (memories, episodes, facts, runs) and its search entries. */
  async deleteScope(input: { externalId: string }): Promise<void> {
    const { externalId } = parseInput(scopeInputSchema, input, 'deleteScope input');
    const scope = { tenantId: this.tenantId, externalId };
    await this.runtime.store.transaction((tx) => tx.scopes.deleteAll(scope));
  }

  /**
   * The store (kind, vectors, schema version, connections), the embedder and the model in use, this
   * tenant's counts, its background work waiting in the store and its newest runs, and what this
   * process's worker is running for it.
   */
  async status(): Promise<MemStatus> {
    const { store, embedder, llm, background } = this.runtime;
    const tenantId = this.tenantId;
    const [storeStatus, scopes, consolidations, sleepCycles, queue, recentRuns] = await Promise.all([
      store.status(),
      this.listScopes(),
      store.pendingConsolidations.count(tenantId),
      store.sleepQueue.count(tenantId),
      store.sleepQueue.listQueued({ tenantId, limit: QUEUE_SHOWN }),
      store.runStates.recent(tenantId, RECENT_RUNS),
    ]);
    const sum = (key: 'activeMemories' | 'episodes' | 'facts') => scopes.reduce((total, s) => total + s[key], 0);
    return {
      version: PACKAGE_VERSION,
      store: storeStatus,
      embedder: { id: embedder.id, dimensions: embedder.dimensions },
      llm: llm !== undefined,
      counts: { scopes: scopes.length, activeMemories: sum('activeMemories'), episodes: sum('episodes'), facts: sum('facts') },
      background: {
        pending: { consolidations, sleepCyclesQueued: sleepCycles.queued, sleepCyclesRunning: sleepCycles.claimed },
        queue,
        recentRuns,
        worker: {
          running: background.hasWorker,
          concurrency: background.concurrency,
          pollMs: this.runtime.config.backgroundPollMs,
          inProgress: background
            .running()
            .filter((w) => w.scope.tenantId === tenantId)
            .map((w) => ({ kind: w.kind, externalId: w.scope.externalId, memoryId: w.memoryId, startedAt: w.startedAt })),
        },
      },
    };
  }

  /** Resolves when the store answers (the server's readiness check). */
  ping(): Promise<void> {
    return this.runtime.store.ping();
  }

  /**
   * Starts `task` without waiting for it; `whenIdle()` and `close()` wait for it. A rejection is
   * logged: handle errors inside `task` to act on them (the AI SDK middleware records this way).
   */
  runInBackground(name: string, task: () => Promise<unknown>): void {
    this.runtime.background.detach(name, task);
  }

  /** Resolves when the background work this process runs (consolidations, queued cycles, recordings) has finished. */
  whenIdle(): Promise<void> {
    return this.runtime.background.whenIdle();
  }

  /** Takes no more background work, waits for what runs, then closes the store. */
  async close(): Promise<void> {
    await this.runtime.background.close();
    await this.runtime.store.close();
  }

  /** Runs one item of durable work as its tenant; null when another process holds it or did it. */
  private runBackground(item: BackgroundItem): Promise<unknown> {
    if (item.kind === 'consolidation') return this.forTenant(item.pending.scope.tenantId).consolidation.runPending(item.pending);
    return this.forTenant(item.task.scope.tenantId).sleepCycle.runQueued(item.task.scope);
  }
}
