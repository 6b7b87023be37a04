import type { Logger } from '../logger.js';
import type { PendingConsolidation, SleepTask } from '../model/background.js';
import type { Scope } from '../model/scope.js';
import type { Store } from '../store/port.js';
import { BackgroundTasks } from './background.js';

/** One piece of durable work a process can take: a memory to consolidate, or a scope's requested sleep cycle. */
export type BackgroundItem = { kind: 'consolidation'; pending: PendingConsolidation } | { kind: 'sleep'; task: SleepTask };

/** What runs an item; it answers null when another process holds the work or already did it. */
export type RunItem = (item: BackgroundItem) => Promise<unknown>;

export interface BackgroundWorkDeps {
  store: Store;
  logger: Logger;
  /** Items this process runs at once. */
  concurrency: number;
  /** How long an item that was held elsewhere (or failed to start) is left alone before it is tried again. */
  retryAfterMs: number;
  run: RunItem;
}

/** What this process is running now. */
export interface WorkInProgress {
  kind: 'consolidation' | 'sleep';
  scope: Scope;
  memoryId: string | null;
  startedAt: string;
}

const keyOf = (item: BackgroundItem) =>
  item.kind === 'consolidation' ? JSON.stringify(['consolidation', item.pending.scope.tenantId, item.pending.scope.externalId, item.pending.memoryId]) : JSON.stringify(['sleep', item.task.scope.tenantId, item.task.scope.externalId]);

/**
 * Takes durable work from the store and runs at most `concurrency` items at once in this process.
 * Nothing waits here: an item is looked up when a slot is free, and whatever is not taken stays in
 * the store for this process's next look or any other process's. Pending consolidations are
 * always taken (they are the library's own threshold work); queued sleep cycles only while a
 * worker (`startSleepService`, or a server) runs in this process.
 */
export class BackgroundWork {
  private readonly tasks: BackgroundTasks;
  private readonly inProgress = new Map<string, WorkInProgress>();
  private readonly leftAlone = new Map<string, number>();
  private workers = 0;
  private draining = false;
  private drainAgain = false;
  private closed = false;

  constructor(private readonly deps: BackgroundWorkDeps) {
    this.tasks = new BackgroundTasks(deps.logger);
  }

  get concurrency(): number {
    return this.deps.concurrency;
  }

  /** Whether a worker runs in this process (queued sleep cycles are taken). */
  get hasWorker(): boolean {
    return this.workers > 0;
  }

  running(): WorkInProgress[] {
    return [...this.inProgress.values()];
  }

  /** A worker started or stopped in this process. */
  addWorker(): () => void {
    this.workers++;
    let removed = false;
    return () => {
      if (!removed) this.workers--;
      removed = true;
    };
  }

  /** Looks for work now (after a local trigger, or when a slot frees up); calls made during a look are folded into one more look. */
  kick(): void {
    if (this.closed) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = true;
    this.tasks.start('background work lookup', async () => {
      try {
        do {
          this.drainAgain = false;
          await this.fillSlots();
        } while (this.drainAgain && !this.closed);
      } finally {
        this.draining = false;
      }
    });
  }

  /** Runs `task` without waiting for it (a recording of the AI SDK middleware); `whenIdle()` waits for it too. */
  detach(name: string, task: () => Promise<unknown>): void {
    this.tasks.start(name, task);
  }

  /** Resolves when no item runs and no lookup is under way, including ones started meanwhile. */
  whenIdle(): Promise<void> {
    return this.tasks.whenIdle();
  }

  /** Takes no more work, and resolves when what runs has finished. */
  async close(): Promise<void> {
    this.closed = true;
    await this.whenIdle();
  }

  private async fillSlots(): Promise<void> {
    const free = () => this.deps.concurrency - this.inProgress.size;
    if (free() <= 0) return;
    const now = Date.now();
    for (const [key, until] of this.leftAlone) if (until <= now) this.leftAlone.delete(key);
    const limit = free() + this.inProgress.size + this.leftAlone.size;
    const [pending, queued] = await Promise.all([
      this.deps.store.pendingConsolidations.list({ limit }),
      this.hasWorker ? this.deps.store.sleepQueue.listQueued({ limit }) : Promise.resolve([]),
    ]);
    const candidates = interleave<BackgroundItem>(
      pending.map((p) => ({ kind: 'consolidation', pending: p })),
      queued.map((task) => ({ kind: 'sleep', task })),
    ).filter((item) => !this.inProgress.has(keyOf(item)) && !this.leftAlone.has(keyOf(item)));
    for (const item of candidates) {
      if (free() <= 0 || this.closed) return;
      this.start(item);
    }
  }

  private start(item: BackgroundItem): void {
    const key = keyOf(item);
    const scope = item.kind === 'consolidation' ? item.pending.scope : item.task.scope;
    this.inProgress.set(key, { kind: item.kind, scope, memoryId: item.kind === 'consolidation' ? item.pending.memoryId : null, startedAt: new Date().toISOString() });
    this.tasks.start(`background ${item.kind}`, async () => {
      try {
        const result = await this.deps.run(item).catch((error: unknown) => {
          this.deps.logger.error({ err: error, kind: item.kind, ...scope }, 'background run failed');
          return undefined;
        });
        // Held by another process, already done, or failed before it could record anything: look again later, not at once.
        if (result === null || result === undefined) this.leftAlone.set(key, Date.now() + this.deps.retryAfterMs);
      } finally {
        this.inProgress.delete(key);
        this.kick();
      }
    });
  }
}

/** a1, b1, a2, b2, …: neither kind of work waits for the other to drain. */
function interleave<T>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]!);
    if (i < b.length) out.push(b[i]!);
  }
  return out;
}
