import type { LanguageModel } from 'ai';
import type { Embedder } from '../ai/embedder.js';
import type { AgentMemConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Scope } from '../model/scope.js';
import type { Store } from '../store/port.js';
import type { BackgroundTasks } from './background.js';

/** What every engine is handed: the store port, the embedder, config, logs and a clock. */
export interface EngineDeps {
  readonly store: Store;
  readonly embedder: Embedder;
  /** The model the Memorizer and gist extractor call; undefined means the deterministic paths. */
  readonly llm: LanguageModel | undefined;
  readonly config: AgentMemConfig;
  readonly logger: Logger;
  readonly background: BackgroundTasks;
  /** The tenant every call of this AgentMem runs as. */
  readonly tenantId: string;
  now(): Date;
}

export function scopeOf(deps: EngineDeps, externalId: string): Scope {
  return { tenantId: deps.tenantId, externalId };
}
