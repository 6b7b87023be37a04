import type { ConsolidationRun } from '../model/run.js';

/** What one sleep cycle did; persisted as a run of kind `sleep`. */
export interface SleepReport {
  runId: string;
  tenantId: string;
  externalId: string;
  trigger: string;
  status: 'succeeded' | 'failed' | 'skipped';
  sampled: number;
  clusters: number;
  gists: number;
  factsCreated: number;
  factsUpdated: number;
  episodesMarked: number;
  /** Sampled episodes left for a later cycle (too many clusters, or no cluster large enough). */
  deferred: number;
  errors: string[];
  elapsedMs: number;
  startedAt: string;
  finishedAt: string;
  facts: ReportedFact[];
}

export interface ReportedFact {
  factId: string;
  key: string;
  action: 'create' | 'update';
  matchedBy?: 'key' | 'predicate' | 'similarity';
  gistSource: 'llm' | 'extractive';
  evidenceIds: string[];
}

export const REPORT_COUNTS = ['sampled', 'clusters', 'gists', 'factsCreated', 'factsUpdated', 'episodesMarked', 'deferred'] as const;

export function countsOf(report: SleepReport): Record<string, number> {
  return { ...Object.fromEntries(REPORT_COUNTS.map((name) => [name, report[name]])), errors: report.errors.length };
}

/** The report a finished sleep run persisted; undefined while it runs, or when it was abandoned. */
export function reportOfRun(run: ConsolidationRun): SleepReport | undefined {
  if (run.status === 'running' || run.status === 'abandoned') return undefined;
  return { ...(run.report as unknown as SleepReport), runId: run.id, status: run.status };
}
