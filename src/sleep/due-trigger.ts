import type { TriggerKind } from '../model/background.js';
import type { Scope } from '../model/scope.js';
import type { SleepTriggers } from '../model/schemas/sleep.js';
import type { Store } from '../store/port.js';

export const TRIGGER_PRIORITY: Record<TriggerKind, number> = { manual: 100, event: 50, quota: 20, scheduled: 10 };

/** Triggers a scope has when it registered none. */
export const DEFAULT_SLEEP_TRIGGERS: SleepTriggers = { intervalHours: 24, episodeQuota: 100 };

const HOUR_MS = 3_600_000;

/**
 * Whether a scope's quota or scheduled trigger is due, from stored state alone: the last cycle
 * that ran (an abandoned or skipped one does not count), the episodes written since, and when the
 * interval started (the last cycle, else `since`: registration, or the scope's first row).
 */
export async function dueTrigger(store: Store, scope: Scope, triggers: SleepTriggers, since: string, now: Date): Promise<'quota' | 'scheduled' | undefined> {
  const lastRun = await store.runStates.latest(scope, 'sleep', ['running', 'succeeded', 'failed']);
  if (triggers.episodeQuota !== undefined || triggers.byteQuota !== undefined) {
    const written = await store.episodes.statsSince(scope, lastRun?.startedAt);
    if (written.count >= (triggers.episodeQuota ?? Infinity) || written.bytes >= (triggers.byteQuota ?? Infinity)) return 'quota';
  }
  if (triggers.intervalHours !== undefined) {
    const from = Date.parse(lastRun?.startedAt ?? since);
    if (now.getTime() - from >= triggers.intervalHours * HOUR_MS) return 'scheduled';
  }
  return undefined;
}
