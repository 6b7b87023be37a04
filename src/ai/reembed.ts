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
 * vectors (text search still finds them); running it again completes the job.
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
    await store.transaction((tx) => tx.searchIndex.setVectors(items.map((item, i) => ({ scope: item.scope, tier: item.tier, itemId: item.itemId, embedding: vectors[i]! }))));
    done += items.length;
    options.onProgress?.(done);
    afterKey = items[items.length - 1]!.key;
  }
  return { items: done };
}
