import type { LanguageModel } from 'ai';
import type { Embedder } from '../ai/embedder.js';
import type { AgentMemConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Scope } from '../model/scope.js';
import type { Store } from '../store/port.js';
import { BackgroundWork } from './background-work.js';
import { Metrics } from './metrics.js';

/** What every engine is handed: the store port, the embedder, config, logs and a clock. */
export interface EngineDeps {
  readonly store: Store;
  readonly embedder: Embedder;
  /** The model the Memorizer and gist extractor call; undefined means the deterministic paths. */
  readonly llm: LanguageModel | undefined;
  readonly config: AgentMemConfig;
  readonly logger: Logger;
  /** Durable background work: engines queue it in the store and kick this process's look for it. */
  readonly background: BackgroundWork;
  readonly metrics: Metrics;
  /** The tenant every call of this AgentMem runs as. */
  readonly tenantId: string;
  now(): Date;
}

export function scopeOf(deps: EngineDeps, externalId: string): Scope {
  return { tenantId: deps.tenantId, externalId };
}

/** Deps for engines used on their own (benchmarks, tests): their own metrics, and no background work is taken. */
export function standaloneEngineDeps(base: Omit<EngineDeps, 'background' | 'metrics'>): EngineDeps {
  const background = new BackgroundWork({ store: base.store, logger: base.logger, concurrency: 1, retryAfterMs: 1000, run: async () => null });
  return { ...base, background, metrics: new Metrics(base.store) };
}
