import type { Scope } from './scope.js';
import type { SleepCycleOptions, SleepTriggers } from './schemas/sleep.js';

export const TRIGGER_KINDS = ['scheduled', 'quota', 'event', 'manual'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** A requested sleep cycle waiting in the store for some process's worker. */
export interface SleepTask {
  id: string;
  scope: Scope;
  kind: TriggerKind;
  /** Recorded in the report: `scheduled`, `quota`, `event:<name>` or `manual`. */
  trigger: string;
  priority: number;
  enqueuedAt: string;
}

/** A scope's sleep triggers: its own (`registered`) or, when it set none, the defaults. */
export interface SleepRegistration {
  tenantId: string;
  externalId: string;
  source: 'registered' | 'default';
  triggers: SleepTriggers;
  cycle: SleepCycleOptions;
  registeredAt: string | null;
  updatedAt: string | null;
}

/** A memory that reached its consolidation threshold and waits for a worker. */
export interface PendingConsolidation {
  scope: Scope;
  memoryId: string;
  /** Threshold crossings since the row was made; a run removes the row only if none came during it. */
  requests: number;
  requestedAt: string;
}
