import { ConflictError } from '../errors.js';
import type { Store } from '../store/port.js';
import type { Embedder } from './embedder.js';

export const EMBEDDER_KEY = 'embedder_id';

/** Records the embedder on first open; a different one later fails and names both. */
export async function verifyEmbedder(store: Store, embedder: Embedder): Promise<void> {
  const stored = await store.meta.get(EMBEDDER_KEY);
  if (stored !== undefined && stored !== embedder.id) {
    throw new ConflictError(
      `this store's vectors were made by embedder "${stored}", but "${embedder.id}" is configured; run \`agent-mem reembed\` to re-embed everything with "${embedder.id}"`,
      { stored, configured: embedder.id },
    );
  }
  await store.transaction(async (tx) => {
    await tx.searchIndex.ensureDimension(embedder.dimensions);
    if (stored === undefined) await tx.meta.set(EMBEDDER_KEY, embedder.id);
  });
}
