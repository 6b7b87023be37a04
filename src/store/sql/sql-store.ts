import type { Kysely } from 'kysely';
import type { GraphRepository, GraphTier, LockManager, SearchIndex, Store, StoreKind, StoreStatus, VectorMode } from '../port.js';
import { SqlActiveMemoryRepository } from './active-memories.js';
import type { SqlDialect } from './dialect.js';
import { SqlEpisodeRepository } from './episodes.js';
import { SqlFactRepository } from './facts.js';
import { SqlGraphRepository } from './graph.js';
import { SqlLongTermRepository } from './longterm.js';
import { SqlMetaRepository } from './meta.js';
import { SqlPendingConsolidationRepository } from './pending-consolidations.js';
import { SqlRunStateRepository } from './run-states.js';
import { SqlRunRepository } from './runs.js';
import { SqlSleepQueueRepository } from './sleep-queue.js';
import { SqlSleepTriggerRepository } from './sleep-triggers.js';
import { SqlScopeRepository } from './scopes.js';
import { SqlSessionRepository } from './sessions.js';
import { SqlShortTermRepository } from './shortterm.js';
import type { Database } from './tables.js';

/** What an adapter adds to the shared repositories: its dialect, search index, locks and transactions. */
export interface SqlAdapter {
  readonly kind: StoreKind;
  readonly vectorMode: VectorMode;
  readonly dialect: SqlDialect;
  readonly locks: LockManager;
  searchIndex(db: Kysely<Database>): SearchIndex;
  /** Runs `fn` in one transaction on one connection. */
  transaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  status(): Promise<StoreStatus>;
  close(): Promise<void>;
}

/** The Store over Kysely; one instance for the root connection (or pool), one per open transaction. */
export class SqlStore implements Store {
  readonly kind: StoreKind;
  readonly vectorMode: VectorMode;
  readonly active: SqlActiveMemoryRepository;
  readonly shortterm: SqlShortTermRepository;
  readonly longterm: SqlLongTermRepository;
  readonly episodes: SqlEpisodeRepository;
  readonly sessions: SqlSessionRepository;
  readonly facts: SqlFactRepository;
  readonly runs: SqlRunRepository;
  readonly runStates: SqlRunStateRepository;
  readonly sleepTriggers: SqlSleepTriggerRepository;
  readonly sleepQueue: SqlSleepQueueRepository;
  readonly pendingConsolidations: SqlPendingConsolidationRepository;
  readonly scopes: SqlScopeRepository;
  readonly searchIndex: SearchIndex;
  readonly meta: SqlMetaRepository;
  readonly locks: LockManager;
  private readonly graphs: { shortterm: SqlGraphRepository<'shortterm'>; longterm: SqlGraphRepository<'longterm'> };

  constructor(
    readonly db: Kysely<Database>,
    private readonly adapter: SqlAdapter,
    private readonly inTransaction = false,
  ) {
    const context = { db, dialect: adapter.dialect };
    this.kind = adapter.kind;
    this.vectorMode = adapter.vectorMode;
    this.active = new SqlActiveMemoryRepository(context);
    this.shortterm = new SqlShortTermRepository(context);
    this.longterm = new SqlLongTermRepository(context);
    this.graphs = { shortterm: new SqlGraphRepository(context, 'shortterm'), longterm: new SqlGraphRepository(context, 'longterm') };
    this.episodes = new SqlEpisodeRepository(context);
    this.sessions = new SqlSessionRepository(context);
    this.facts = new SqlFactRepository(context);
    this.runs = new SqlRunRepository(context);
    this.runStates = new SqlRunStateRepository(context);
    this.sleepTriggers = new SqlSleepTriggerRepository(context);
    this.sleepQueue = new SqlSleepQueueRepository(context);
    this.pendingConsolidations = new SqlPendingConsolidationRepository(context);
    this.searchIndex = adapter.searchIndex(db);
    this.scopes = new SqlScopeRepository(context, (scope) => this.searchIndex.removeScope(scope));
    this.meta = new SqlMetaRepository(context);
    this.locks = adapter.locks;
  }

  graph<T extends GraphTier>(tier: T): GraphRepository<T> {
    return this.graphs[tier] as unknown as GraphRepository<T>;
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    // A transaction opened inside another joins it.
    if (this.inTransaction) return fn(this);
    return this.adapter.transaction(this.db, (trx) => fn(new SqlStore(trx, this.adapter, true)));
  }

  ping(): Promise<void> {
    return this.adapter.ping();
  }

  status(): Promise<StoreStatus> {
    return this.adapter.status();
  }

  close(): Promise<void> {
    return this.adapter.close();
  }
}
