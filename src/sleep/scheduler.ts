import type { Scope } from '../model/scope.js';
import type { SleepCycleOptions, SleepTriggers } from '../model/schemas/sleep.js';
import type { Store } from '../store/port.js';
import { PriorityQueue } from './priority-queue.js';

export type TriggerKind = 'scheduled' | 'quota' | 'event' | 'manual';

/** A queued sleep cycle for one scope. */
export interface SleepTask {
  scope: Scope;
  kind: TriggerKind;
  /** Recorded in the report: `scheduled`, `quota`, `event:<name>` or `manual`. */
  trigger: string;
  priority: number;
  enqueuedAt: string;
  cycle?: SleepCycleOptions;
}

export const TRIGGER_PRIORITY: Record<TriggerKind, number> = { manual: 100, event: 50, quota: 20, scheduled: 10 };

/** Triggers a scope gets when the background service finds it without a registration. */
export const DEFAULT_SLEEP_TRIGGERS: SleepTriggers = { intervalHours: 24, episodeQuota: 100 };

interface Registration {
  scope: Scope;
  triggers: SleepTriggers;
  cycle?: SleepCycleOptions;
  registeredAt: number;
}

const HOUR_MS = 3_600_000;
const keyOf = (scope: Scope) => `${scope.tenantId}\u0000${scope.externalId}`;

/**
 * Decides when each scope's sleep cycle runs: scheduled (interval), quota (episodes or bytes
 * written since the last cycle), event (named events) and manual triggers feed one priority queue
 * that holds at most one task per scope (a stronger trigger raises its priority).
 */
export class SleepScheduler {
  private readonly registrations = new Map<string, Registration>();
  private readonly queue = new PriorityQueue<SleepTask>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: { store: Store; now: () => Date }) {}

  registerScope(scope: Scope, triggers: SleepTriggers, cycle?: SleepCycleOptions): void {
    const known = this.registrations.get(keyOf(scope));
    this.registrations.set(keyOf(scope), { scope, triggers, ...(cycle ? { cycle } : {}), registeredAt: known?.registeredAt ?? this.deps.now().getTime() });
  }

  isRegistered(scope: Scope): boolean {
    return this.registrations.has(keyOf(scope));
  }

  /** Enqueues every registered scope (of `tenantId`, or all) whose scheduled or quota trigger is due. */
  async checkTriggers(tenantId?: string): Promise<SleepTask[]> {
    const enqueued: SleepTask[] = [];
    for (const registration of this.registrations.values()) {
      if (tenantId !== undefined && registration.scope.tenantId !== tenantId) continue;
      const kind = await this.dueTrigger(registration);
      if (kind) enqueued.push(this.enqueue(registration.scope, kind, kind, TRIGGER_PRIORITY[kind]));
    }
    return enqueued;
  }

  triggerManual(scope: Scope, priority = TRIGGER_PRIORITY.manual): SleepTask {
    return this.enqueue(scope, 'manual', 'manual', priority);
  }

  /** Enqueues the scope when its registration listens for `event`; otherwise returns undefined. */
  emitEvent(scope: Scope, event: string): SleepTask | undefined {
    const registration = this.registrations.get(keyOf(scope));
    if (!registration?.triggers.events?.includes(event)) return undefined;
    return this.enqueue(scope, 'event', `event:${event}`, TRIGGER_PRIORITY.event);
  }

  /** Takes the highest-priority task off the queue. */
  next(): SleepTask | undefined {
    return this.queue.pop();
  }

  pending(tenantId?: string): SleepTask[] {
    return this.queue.items().filter((task) => tenantId === undefined || task.scope.tenantId === tenantId);
  }

  /** Calls `listener` whenever a task is enqueued; returns the unsubscribe function. */
  onEnqueue(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async dueTrigger(registration: Registration): Promise<TriggerKind | undefined> {
    const { store, now } = this.deps;
    const { triggers, scope } = registration;
    const [lastRun] = await store.runs.list(scope, { kind: 'sleep', limit: 1 });
    if (triggers.episodeQuota !== undefined || triggers.byteQuota !== undefined) {
      const written = await store.episodes.statsSince(scope, lastRun?.startedAt);
      if (written.count >= (triggers.episodeQuota ?? Infinity) || written.bytes >= (triggers.byteQuota ?? Infinity)) return 'quota';
    }
    if (triggers.intervalHours !== undefined) {
      const since = lastRun ? Date.parse(lastRun.startedAt) : registration.registeredAt;
      if (now().getTime() - since >= triggers.intervalHours * HOUR_MS) return 'scheduled';
    }
    return undefined;
  }

  private enqueue(scope: Scope, kind: TriggerKind, trigger: string, priority: number): SleepTask {
    const registration = this.registrations.get(keyOf(scope));
    const task: SleepTask = { scope, kind, trigger, priority, enqueuedAt: this.deps.now().toISOString(), ...(registration?.cycle ? { cycle: registration.cycle } : {}) };
    const queued = this.queue.find((t) => keyOf(t.scope) === keyOf(scope));
    if (queued && queued.priority >= priority) return queued;
    if (queued) this.queue.remove((t) => t === queued);
    this.queue.push(task, priority);
    for (const listener of this.listeners) listener();
    return task;
  }
}
