import type { Json } from './scope.js';

export const RUN_KINDS = ['consolidation', 'promotion', 'sleep'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/** `abandoned`: the process running it stopped before it finished (its lock lapsed); its work is retried. */
export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'skipped', 'abandoned'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One consolidation, promotion or sleep-cycle run, with its counts, report and error. */
export interface ConsolidationRun {
  id: string;
  tenantId: string;
  externalId: string;
  kind: RunKind;
  memoryId: string | null;
  trigger: string;
  status: RunStatus;
  counts: Record<string, number>;
  report: Json;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}
