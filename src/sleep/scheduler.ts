import type { SleepRegistration, SleepTask, TriggerKind } from '../model/background.js';
import type { Scope } from '../model/scope.js';
import type { SleepCycleOptions, SleepTriggers } from '../model/schemas/sleep.js';
import type { Store, StoredSleepTriggers } from '../store/port.js';
import { DEFAULT_SLEEP_TRIGGERS, TRIGGER_PRIORITY, dueTrigger } from './due-trigger.js';

const SCOPES_PER_PAGE = 500;

function registrationOf(scope: Scope, stored: StoredSleepTriggers | undefined): SleepRegistration {
  return stored
    ? { ...scope, source: 'registered', triggers: stored.triggers, cycle: stored.cycle, registeredAt: stored.registeredAt, updatedAt: stored.updatedAt }
    : { ...scope, source: 'default', triggers: DEFAULT_SLEEP_TRIGGERS, cycle: {}, registeredAt: null, updatedAt: null };
}

/**
 * Decides when each scope's sleep cycle runs, from what the store holds: triggers per scope (the
 * defaults where a scope set none), the last cycle, the episodes written since. Manual and event
 * triggers, and due scheduled or quota triggers, become a request in the store's queue (at most
 * one per scope, raised by a stronger trigger), which any process's worker takes.
 */
export class SleepScheduler {
  constructor(private readonly deps: { store: Store; now: () => Date; queued: () => void }) {}

  async register(scope: Scope, triggers: SleepTriggers, cycle: SleepCycleOptions = {}): Promise<SleepRegistration> {
    return registrationOf(scope, await this.deps.store.sleepTriggers.put(scope, triggers, cycle, this.at()));
  }

  async registration(scope: Scope): Promise<SleepRegistration> {
    return registrationOf(scope, await this.deps.store.sleepTriggers.get(scope));
  }

  /** Removes the scope's own triggers (it has the defaults again); false when it had none. */
  unregister(scope: Scope): Promise<boolean> {
    return this.deps.store.sleepTriggers.delete(scope);
  }

  /** Queues every scope (of `tenantId`, or all) whose scheduled or quota trigger is due; returns what was queued. */
  async checkTriggers(tenantId?: string): Promise<SleepTask[]> {
    const queued: SleepTask[] = [];
    let afterScopeId: string | undefined;
    for (;;) {
      const page = await this.deps.store.sleepTriggers.listScopes({ ...(tenantId === undefined ? {} : { tenantId }), ...(afterScopeId ? { afterScopeId } : {}), limit: SCOPES_PER_PAGE });
      for (const { scope, createdAt, stored } of page) {
        const kind = await dueTrigger(this.deps.store, scope, stored?.triggers ?? DEFAULT_SLEEP_TRIGGERS, stored?.registeredAt ?? createdAt, this.deps.now());
        if (kind) queued.push(await this.enqueue(scope, kind, kind));
      }
      if (page.length < SCOPES_PER_PAGE) break;
      afterScopeId = page.at(-1)!.scopeId;
    }
    return queued;
  }

  triggerManual(scope: Scope, priority = TRIGGER_PRIORITY.manual): Promise<SleepTask> {
    return this.enqueue(scope, 'manual', 'manual', priority);
  }

  /** Queues a cycle when the scope's triggers list `event`; otherwise undefined. */
  async emitEvent(scope: Scope, event: string): Promise<SleepTask | undefined> {
    const stored = await this.deps.store.sleepTriggers.get(scope);
    if (!stored?.triggers.events?.includes(event)) return undefined;
    return this.enqueue(scope, 'event', `event:${event}`);
  }

  /** Queued cycles (of `tenantId`, or all) in the order workers take them. */
  pending(tenantId: string | undefined, limit = 1000): Promise<SleepTask[]> {
    return this.deps.store.sleepQueue.listQueued({ ...(tenantId === undefined ? {} : { tenantId }), limit });
  }

  private async enqueue(scope: Scope, kind: TriggerKind, trigger: string, priority = TRIGGER_PRIORITY[kind]): Promise<SleepTask> {
    const task = await this.deps.store.sleepQueue.enqueue(scope, { kind, trigger, priority }, this.at());
    this.deps.queued();
    return task;
  }

  private at(): string {
    return this.deps.now().toISOString();
  }
}
