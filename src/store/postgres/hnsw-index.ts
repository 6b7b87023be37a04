import pg from 'pg';
import type { Logger } from '../../logger.js';
import type { LockManager } from '../port.js';
import { hnswIndexSql } from './vectors.js';

/** How long a build may hold its lease without renewal (it is renewed while the build runs). */
const BUILD_LEASE_MS = 10 * 60_000;
/** Until the index is valid, how often a search looks again. */
const RECHECK_MS = 5_000;

/**
 * The HNSW index over the vectors. Built when first needed — once a scope holds more than
 * `exactScanMax` vectors; below that every search scans its scope exactly and the index would only
 * slow writes — with CREATE INDEX CONCURRENTLY on its own connection (no statement timeout, writes
 * go on), by one process at a time. Until it is valid, large scopes are scanned exactly too.
 * `eager` builds it with the first vector instead (every vector query then uses it).
 */
export class HnswIndex {
  private valid = false;
  private checkedAt = 0;
  private building: Promise<void> | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly locks: LockManager,
    readonly eager: boolean,
    private readonly logger?: Logger,
  ) {}

  /**
   * Whether a large scope's search can use the index now; when it cannot, the build starts in the
   * background. Looked up again at most every few seconds until the index is valid.
   */
  async usable(dimension: number): Promise<boolean> {
    if (!this.valid && Date.now() - this.checkedAt >= RECHECK_MS) {
      this.checkedAt = Date.now();
      this.valid = (await this.state()) === 'valid';
    }
    if (!this.valid) this.startBuild(dimension);
    return this.valid;
  }

  private startBuild(dimension: number): void {
    this.building ??= this.build(dimension)
      .catch((error: unknown) => this.logger?.warn({ err: error }, 'building the HNSW index failed; large scopes scan exactly until it is built'))
      .finally(() => {
        this.building = undefined;
        this.checkedAt = 0;
      });
  }

  /** Resolves once a build this process started has ended (the store waits for it on close). */
  async settled(): Promise<void> {
    await this.building;
  }

  /** Forgets the index (it was dropped, e.g. to re-embed). */
  invalidate(): void {
    this.valid = false;
    this.checkedAt = 0;
  }

  private async state(client?: pg.Client): Promise<'missing' | 'invalid' | 'valid'> {
    const query = "SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = to_regclass('search_entries_hnsw')";
    const own = client ?? new pg.Client({ connectionString: this.databaseUrl });
    if (!client) await own.connect();
    try {
      const row = (await own.query<{ valid: boolean }>(query)).rows[0];
      return row === undefined ? 'missing' : row.valid ? 'valid' : 'invalid';
    } finally {
      if (!client) await own.end();
    }
  }

  private async build(dimension: number): Promise<void> {
    const lease = await this.locks.tryAcquire(['hnsw-index'], BUILD_LEASE_MS);
    if (!lease) return;
    const client = new pg.Client({ connectionString: this.databaseUrl });
    try {
      await client.connect();
      const state = await this.state(client);
      if (state === 'valid') return;
      // A build that died (its process, its connection) leaves an invalid index behind.
      if (state === 'invalid') await client.query('DROP INDEX CONCURRENTLY IF EXISTS search_entries_hnsw');
      this.logger?.info({ dimension }, 'building the HNSW index (a scope outgrew exact scans)');
      await client.query(hnswIndexSql(dimension, { concurrently: true }));
    } finally {
      await client.end().catch(() => {});
      await lease.release();
    }
  }
}
