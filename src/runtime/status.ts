import type { StoreStatus } from '../store/port.js';

/** What an operator sees of a running AgentMem (`mem.status()`, GET /v1/status, `agent-mem status`). */
export interface MemStatus {
  version: string;
  store: StoreStatus;
  embedder: { id: string; dimensions: number };
  /** Whether a language model is configured (the Memorizer and gist extraction use it). */
  llm: boolean;
}
