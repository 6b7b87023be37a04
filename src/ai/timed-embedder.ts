import { performance } from 'node:perf_hooks';
import type { Metrics } from '../runtime/metrics.js';
import type { Embedder } from './embedder.js';

/** The embedder every engine uses, timed: one place measures every embed call. */
export function timedEmbedder(inner: Embedder, metrics: Pick<Metrics, 'embedDuration' | 'embeddedTexts'>): Embedder {
  const labels = { embedder: inner.id };
  return {
    specificationVersion: inner.specificationVersion,
    id: inner.id,
    dimensions: inner.dimensions,
    async embed(texts) {
      const started = performance.now();
      try {
        return await inner.embed(texts);
      } finally {
        metrics.embedDuration.observe(labels, (performance.now() - started) / 1000);
        metrics.embeddedTexts.inc(labels, texts.length);
      }
    },
  };
}
