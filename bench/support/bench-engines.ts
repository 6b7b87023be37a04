import { createEmbedder } from '../../src/ai/create-embedder.js';
import type { Embedder } from '../../src/ai/embedder.js';
import { verifyEmbedder } from '../../src/ai/verify-embedder.js';
import { resolveConfig } from '../../src/config.js';
import { Episodes } from '../../src/episodes/episodes.js';
import { Messages } from '../../src/episodes/messages.js';
import { createLogger } from '../../src/logger.js';
import { Retrieval } from '../../src/retrieval/retrieval.js';
import { standaloneEngineDeps, type EngineDeps } from '../../src/runtime/engine-deps.js';
import { openStore } from '../../src/store/open-store.js';

export interface BenchEngines {
  deps: EngineDeps;
  episodes: Episodes;
  messages: Messages;
  /** Exposes the tuning parameter the public API keeps at its defaults. */
  retrieval: Retrieval;
  close(): Promise<void>;
}

/** The engines over the store in `dataDir` (or at `databaseUrl`), as AgentMem wires them. */
export async function openBenchEngines(location: { dataDir: string; databaseUrl?: string }, embedder?: Embedder): Promise<BenchEngines> {
  const logger = createLogger('bench');
  const config = resolveConfig({}, process.env, logger);
  const chosen = embedder ?? (await createEmbedder(config.embeddings));
  const store = await openStore({ ...location, config, logger });
  await verifyEmbedder(store, chosen);
  const deps: EngineDeps = standaloneEngineDeps({ store, embedder: chosen, llm: undefined, config, logger, tenantId: 'bench', now: () => new Date() });
  return { deps, episodes: new Episodes(deps), messages: new Messages(deps), retrieval: new Retrieval(deps), close: () => store.close() };
}
