import type { SleepTask } from '../model/background.js';
import type { ConsolidationRun } from '../model/run.js';
import type { StoreStatus } from '../store/port.js';

/** What an operator sees of a running AgentMem (`mem.status()`, GET /v1/status, `agent-mem status`). */
export interface MemStatus {
  version: string;
  store: StoreStatus;
  embedder: { id: string; dimensions: number };
  /** Whether a language model is configured (the Memorizer and gist extraction use it). */
  llm: boolean;
  /** The tenant's scopes and what they hold. */
  counts: { scopes: number; activeMemories: number; episodes: number; facts: number };
  background: {
    /** The tenant's work waiting in the store for any process's worker. */
    pending: { consolidations: number; sleepCyclesQueued: number; sleepCyclesRunning: number };
    /** Its queued sleep cycles, in the order workers take them (the first 20). */
    queue: SleepTask[];
    /** Its newest runs of any kind and scope. */
    recentRuns: ConsolidationRun[];
    /** This process's worker, and what it runs now for the tenant. */
    worker: {
      running: boolean;
      concurrency: number;
      pollMs: number;
      inProgress: Array<{ kind: 'consolidation' | 'sleep'; externalId: string; memoryId: string | null; startedAt: string }>;
    };
  };
}
