import type { Registry } from 'prom-client';
import { UnavailableError, ValidationError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { attempt, withTimeout } from './attempt.js';
import { newestFirst } from './entries.js';
import { DEFAULT_SEARCH_LIMIT } from './fact-backend.js';
import type { MemoryBackend, MemoryEntry, SearchOptions, StoreEntryInput } from './memory-backend.js';
import { ReplayQueue, type PendingWrite } from './replay-queue.js';

export interface BackendSettings {
  backend: MemoryBackend;
  /** Default true; a disabled backend is neither written nor read. */
  enabled?: boolean;
  /** Reads go to the highest priority healthy backend (default 0). */
  priority?: number;
  /** Milliseconds per attempt (default 5000). */
  timeout?: number;
  /** Extra attempts after a failure (default 2). */
  maxRetries?: number;
}

export interface UnifiedBackendOptions {
  /** Milliseconds between background health checks that replay queued writes (default 30000; 0 turns them off). */
  healthCheckIntervalMs?: number;
  /**
   * A SQLite file that keeps the writes waiting for replay, so a restarted process replays what the
   * last one could not (backends are told apart by name). Default: kept in memory, lost at exit.
   */
  queueFile?: string;
  /** Writes kept per backend (default 10000); past it the oldest are dropped with a warning and `agent_mem_replay_dropped_writes_total`. */
  maxQueuedWrites?: number;
  logger?: Logger;
  /** Where the replay queue's metrics go (default prom-client's global registry, which the server's /metrics includes). */
  metricsRegistry?: Registry;
}

export const DEFAULT_MAX_QUEUED_WRITES = 10_000;

export interface BackendStatus {
  name: string;
  enabled: boolean;
  priority: number;
  healthy: boolean;
  /** Writes waiting to be replayed on this backend. */
  pendingWrites: number;
  lastError: string | null;
  lastCheckedAt: string | null;
}

interface Slot {
  backend: MemoryBackend;
  enabled: boolean;
  priority: number;
  timeout: number;
  maxRetries: number;
  healthy: boolean;
  replaying?: Promise<void>;
  lastError: string | null;
  lastCheckedAt: string | null;
}

type WriteOutcome<T> = { applied: true; value: T } | { applied: false; error?: unknown; queued?: number };

/**
 * Several MemoryBackends as one: writes go to every enabled backend and succeed when one does (a
 * backend that misses a write gets it queued and replayed once healthy, so they converge); reads
 * come from the highest-priority healthy, up-to-date backend; searches merge every readable one.
 */
export class UnifiedMemoryBackend implements MemoryBackend {
  readonly name = 'unified';
  private readonly slots: Slot[];
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly queue: ReplayQueue;

  constructor(backends: BackendSettings[], options: UnifiedBackendOptions = {}) {
    if (backends.length === 0) throw new ValidationError('UnifiedMemoryBackend needs at least one backend', [{ field: 'backends', reason: 'must not be empty' }]);
    const names = backends.map((b) => b.backend.name);
    const repeated = names.filter((name, i) => names.indexOf(name) !== i);
    if (repeated.length) throw new ValidationError(`backend names must differ (the replay queue tells them apart): ${repeated.join(', ')}`, [{ field: 'backends', reason: 'repeated name' }]);
    this.queue = new ReplayQueue({
      file: options.queueFile ?? ':memory:',
      maxEntries: options.maxQueuedWrites ?? DEFAULT_MAX_QUEUED_WRITES,
      logger: options.logger ?? createLogger('agent-mem-backends'),
      ...(options.metricsRegistry ? { registry: options.metricsRegistry } : {}),
    });
    this.slots = backends
      .map((b) => ({
        backend: b.backend,
        enabled: b.enabled ?? true,
        priority: b.priority ?? 0,
        timeout: b.timeout ?? 5000,
        maxRetries: b.maxRetries ?? 2,
        healthy: true,
        lastError: null,
        lastCheckedAt: null,
      }))
      .sort((a, b) => b.priority - a.priority);
    const interval = options.healthCheckIntervalMs ?? 30_000;
    if (interval > 0) {
      this.timer = setInterval(() => void this.healthCheck(), interval);
      this.timer.unref();
    }
  }

  async store(entry: StoreEntryInput): Promise<MemoryEntry> {
    return this.write({ kind: 'store', entry }, (backend) => backend.store(entry));
  }

  async delete(userId: string, key: string): Promise<boolean> {
    const outcomes = await this.writeAll({ kind: 'delete', userId, key }, (backend) => backend.delete(userId, key));
    return outcomes.some((o) => o.applied && o.value);
  }

  async retrieve(userId: string, key: string): Promise<MemoryEntry | null> {
    return this.read((backend) => backend.retrieve(userId, key));
  }

  async getAll(userId: string): Promise<MemoryEntry[]> {
    return this.read((backend) => backend.getAll(userId));
  }

  /** Every readable backend's matches, one per (userId, key) — the newest — newest first. */
  async search(query: string, options: SearchOptions = {}): Promise<MemoryEntry[]> {
    const results = await this.readEach((backend) => backend.search(query, options));
    const newest = new Map<string, MemoryEntry>();
    for (const entry of results.flat()) {
      const id = JSON.stringify([entry.userId, entry.key]);
      const seen = newest.get(id);
      if (!seen || entry.updatedAt > seen.updatedAt) newest.set(id, entry);
    }
    return [...newest.values()].sort(newestFirst).slice(0, options.limit ?? DEFAULT_SEARCH_LIMIT);
  }

  /** Removes old entries on every readable backend; returns the most any of them removed. */
  async cleanup(maxAgeDays: number): Promise<number> {
    return Math.max(0, ...(await this.readEach((backend) => backend.cleanup(maxAgeDays))));
  }

  /** Checks every enabled backend and replays its queued writes; true when any is healthy. */
  async healthCheck(): Promise<boolean> {
    await Promise.all(this.enabled().map((slot) => this.recover(slot)));
    return this.enabled().some((slot) => slot.healthy);
  }

  getBackendStatus(): BackendStatus[] {
    return this.slots.map((s) => ({
      name: s.backend.name,
      enabled: s.enabled,
      priority: s.priority,
      healthy: s.healthy,
      pendingWrites: this.pending(s),
      lastError: s.lastError,
      lastCheckedAt: s.lastCheckedAt,
    }));
  }

  /** Stops the background health checks and closes the replay queue (a file keeps what waits). */
  close(): void {
    clearInterval(this.timer);
    this.queue.close();
  }

  private pending(slot: Slot): number {
    return this.queue.size(slot.backend.name);
  }

  private enabled(): Slot[] {
    return this.slots.filter((s) => s.enabled);
  }

  /** Healthy and not behind on writes: safe to read from. */
  private readable(): Slot[] {
    return this.enabled().filter((s) => s.healthy && this.pending(s) === 0);
  }

  private async write<T>(op: PendingWrite, run: (backend: MemoryBackend) => Promise<T>): Promise<T> {
    const applied = (await this.writeAll(op, run)).find((o): o is { applied: true; value: T } => o.applied);
    return applied!.value;
  }

  /** Applies a write everywhere it can; queues it where it cannot; fails (queuing nothing) when no backend took it. */
  private async writeAll<T>(op: PendingWrite, run: (backend: MemoryBackend) => Promise<T>): Promise<WriteOutcome<T>[]> {
    if (!this.enabled().some((s) => s.healthy)) await this.healthCheck();
    const slots = this.enabled();
    const outcomes = await Promise.all(slots.map((slot) => this.writeTo(slot, op, run)));
    if (outcomes.some((o) => o.applied)) return outcomes;
    slots.forEach((slot, i) => {
      const outcome = outcomes[i]!;
      if (!outcome.applied && outcome.queued !== undefined) this.queue.remove(slot.backend.name, [outcome.queued]);
    });
    const invalid = outcomes.find((o) => !o.applied && o.error instanceof ValidationError);
    if (invalid && !invalid.applied) throw invalid.error;
    throw new UnavailableError(`no backend accepted the write (${this.describeErrors()})`);
  }

  private async writeTo<T>(slot: Slot, op: PendingWrite, run: (backend: MemoryBackend) => Promise<T>): Promise<WriteOutcome<T>> {
    if (!slot.healthy || this.pending(slot) > 0) return { applied: false, queued: this.queue.push(slot.backend.name, op) };
    try {
      return { applied: true, value: await this.attempt(slot, () => run(slot.backend)) };
    } catch (error) {
      if (error instanceof ValidationError) return { applied: false, error };
      return { applied: false, error, queued: this.queue.push(slot.backend.name, op) };
    }
  }

  private async read<T>(run: (backend: MemoryBackend) => Promise<T>): Promise<T> {
    if (this.readable().length === 0) await this.healthCheck();
    for (const slot of this.readable()) {
      try {
        return await this.attempt(slot, () => run(slot.backend));
      } catch (error) {
        if (error instanceof ValidationError) throw error;
      }
    }
    throw new UnavailableError(`no healthy backend could answer (${this.describeErrors()})`);
  }

  private async readEach<T>(run: (backend: MemoryBackend) => Promise<T>): Promise<T[]> {
    if (this.readable().length === 0) await this.healthCheck();
    const settled = await Promise.allSettled(this.readable().map((slot) => this.attempt(slot, () => run(slot.backend))));
    const invalid = settled.find((s) => s.status === 'rejected' && s.reason instanceof ValidationError);
    if (invalid?.status === 'rejected') throw invalid.reason;
    const answers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    if (answers.length === 0) throw new UnavailableError(`no healthy backend could answer (${this.describeErrors()})`);
    return answers;
  }

  /** One operation on one backend with its timeout and retries; a failure marks it unhealthy. */
  private async attempt<T>(slot: Slot, work: () => Promise<T>): Promise<T> {
    try {
      return await attempt(work, { timeoutMs: slot.timeout, maxRetries: slot.maxRetries, what: slot.backend.name });
    } catch (error) {
      if (!(error instanceof ValidationError)) this.markDown(slot, error);
      throw error;
    }
  }

  private markDown(slot: Slot, error: unknown): void {
    slot.healthy = false;
    slot.lastError = error instanceof Error ? error.message : String(error);
  }

  /** Health-checks one backend and, when it answers, replays its queue in order. */
  private recover(slot: Slot): Promise<void> {
    slot.replaying ??= (async () => {
      try {
        slot.lastCheckedAt = new Date().toISOString();
        const ok = await withTimeout(slot.backend.healthCheck(), slot.timeout, slot.backend.name).catch(() => false);
        if (!ok) return this.markDown(slot, new UnavailableError(`${slot.backend.name} failed its health check`));
        for (let next = this.queue.peek(slot.backend.name); next; next = this.queue.peek(slot.backend.name)) {
          const { op } = next;
          try {
            await this.attempt<unknown>(slot, () => (op.kind === 'store' ? slot.backend.store(op.entry) : slot.backend.delete(op.userId, op.key)));
          } catch (error) {
            if (!(error instanceof ValidationError)) return;
          }
          this.queue.remove(slot.backend.name, [next.id]);
        }
        slot.healthy = true;
        slot.lastError = null;
      } finally {
        slot.replaying = undefined;
      }
    })();
    return slot.replaying;
  }

  private describeErrors(): string {
    return this.enabled().map((s) => `${s.backend.name}: ${s.lastError ?? (s.healthy ? 'ok' : 'down')}`).join('; ');
  }
}
