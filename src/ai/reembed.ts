import type { Store } from '../store/port.js';
import type { Embedder } from './embedder.js';
import { EMBEDDER_KEY } from './verify-embedder.js';

export interface ReembedOptions {
  /** Items embedded and written per transaction (default 256). */
  pageSize?: number;
  onProgress?: (done: number) => void;
}

/**
 * Drops every stored vector and embeds every indexed text again with `embedder`, a page per
 * transaction, then records the embedder as the store's. An interrupted run leaves items without
 * vectors (text search still finds them); running it again completes the job. Session turns get
 * their new own vector too (what later messages are mixed with); their indexed vectors are, like
 * every re-embedded turn's, their own until a new neighbour arrives.
 */
export async function reembedStore(store: Store, embedder: Embedder, options: ReembedOptions = {}): Promise<{ items: number }> {
  const pageSize = options.pageSize ?? 256;
  await store.transaction(async (tx) => {
    await tx.searchIndex.resetVectors();
    await tx.searchIndex.ensureDimension(embedder.dimensions);
    await tx.meta.set(EMBEDDER_KEY, embedder.id);
  });
  let done = 0;
  let afterKey: string | undefined;
  for (;;) {
    const { items } = await store.searchIndex.listItems({ afterKey, limit: pageSize });
    if (items.length === 0) break;
    const vectors = await embedder.embed(items.map((i) => i.text));
    await store.transaction(async (tx) => {
      await tx.searchIndex.setVectors(items.map((item, i) => ({ scope: item.scope, tier: item.tier, itemId: item.itemId, embedding: vectors[i]! })));
      for (const [i, item] of items.entries()) {
        if (item.tier === 'episode') await tx.sessions.replaceTurnVectors(item.scope, [{ episodeId: item.itemId, vector: vectors[i]! }]);
      }
    });
    done += items.length;
    options.onProgress?.(done);
    afterKey = items[items.length - 1]!.key;
  }
  return { items: done };
}
