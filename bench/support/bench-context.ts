import { createEmbedder } from '../../src/ai/create-embedder.js';
import type { Embedder } from '../../src/ai/embedder.js';
import { verifyEmbedder } from '../../src/ai/verify-embedder.js';
import { resolveConfig } from '../../src/config.js';
import { Episodes } from '../../src/episodes/episodes.js';
import { createLogger } from '../../src/logger.js';
import { Retrieval } from '../../src/retrieval/retrieval.js';
import { BackgroundTasks } from '../../src/runtime/background.js';
import type { MemoryContext } from '../../src/runtime/context.js';
import { openStore } from '../../src/store/open-store.js';

export interface BenchContext {
  context: MemoryContext;
  episodes: Episodes;
  /** Exposes the tuning parameter the public API keeps at its defaults. */
  retrieval: Retrieval;
  close(): Promise<void>;
}

/** The engines over an embedded store in `dataDir`, as AgentMem wires them. */
export async function openBenchContext(dataDir: string, embedder?: Embedder): Promise<BenchContext> {
  const logger = createLogger('bench');
  const config = resolveConfig({}, process.env, logger);
  const chosen = embedder ?? (await createEmbedder(config.embeddings));
  const store = await openStore({ dataDir, logger });
  await verifyEmbedder(store, chosen);
  const context: MemoryContext = {
    store,
    embedder: chosen,
    llm: undefined,
    config,
    logger,
    background: new BackgroundTasks(logger),
    tenantId: 'bench',
    now: () => new Date(),
  };
  return { context, episodes: new Episodes(context), retrieval: new Retrieval(context), close: () => store.close() };
}
