import type { LockManager, SearchIndex, Store } from '../port.js';
import { SqlActiveMemoryRepository } from './active-memories.js';
import { SqlEpisodeRepository } from './episodes.js';
import type { SqlDriver, SqlExecutor } from './executor.js';
import { SqlFactRepository } from './facts.js';
import { SqlLongTermRepository } from './longterm.js';
import { SqlMetaRepository } from './meta.js';
import { SqlRunRepository } from './runs.js';
import { SqlScopeRepository } from './scopes.js';
import { SqlShortTermRepository } from './shortterm.js';

/** What an adapter adds to the shared SQL repositories: its search index and its locks. */
export interface DialectParts {
  vectorMode: string;
  searchIndex(db: SqlExecutor): SearchIndex;
  locks: LockManager;
  ping(): Promise<void>;
}

/** The Store over any SqlDriver; one instance per connection or per open transaction. */
export class SqlStore implements Store {
  readonly dialect: Store['dialect'];
  readonly vectorMode: string;
  readonly active: SqlActiveMemoryRepository;
  readonly shortterm: SqlShortTermRepository;
  readonly longterm: SqlLongTermRepository;
  readonly episodes: SqlEpisodeRepository;
  readonly facts: SqlFactRepository;
  readonly runs: SqlRunRepository;
  readonly scopes: SqlScopeRepository;
  readonly searchIndex: SearchIndex;
  readonly meta: SqlMetaRepository;
  readonly locks: LockManager;

  constructor(
    private readonly driver: SqlDriver,
    private readonly parts: DialectParts,
    private readonly tx?: SqlExecutor,
  ) {
    const db = tx ?? driver;
    this.dialect = driver.dialect;
    this.vectorMode = parts.vectorMode;
    this.active = new SqlActiveMemoryRepository(db);
    this.shortterm = new SqlShortTermRepository(db);
    this.longterm = new SqlLongTermRepository(db);
    this.episodes = new SqlEpisodeRepository(db);
    this.facts = new SqlFactRepository(db);
    this.runs = new SqlRunRepository(db);
    this.searchIndex = parts.searchIndex(db);
    this.scopes = new SqlScopeRepository(db, (scope) => this.searchIndex.removeScope(scope));
    this.meta = new SqlMetaRepository(db);
    this.locks = parts.locks;
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    // A transaction opened inside another joins it.
    if (this.tx) return fn(this);
    return this.driver.transaction((tx) => fn(new SqlStore(this.driver, this.parts, tx)));
  }

  ping(): Promise<void> {
    return this.parts.ping();
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
