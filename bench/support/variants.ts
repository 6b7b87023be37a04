import { DEFAULT_TUNING, type RetrievalTuning } from '../../src/retrieval/tuning.js';

const retrieverOnly = { entityBoost: 0, contextWeight: 0, recencyBoost: 0, importanceBoost: 0 };

/** What every benchmark reports side by side: each retriever alone, and the shipped hybrid. */
export const VARIANTS: Record<string, RetrievalTuning> = {
  bm25: { ...DEFAULT_TUNING, ...retrieverOnly, weights: { text: 1, vector: 0 } },
  vector: { ...DEFAULT_TUNING, ...retrieverOnly, weights: { text: 0, vector: 1 } },
  hybrid: DEFAULT_TUNING,
};

/** `--variants name=json,...` adds experimental tunings on top of the defaults (for tuning runs). */
export function variantsFrom(argv: readonly string[]): Record<string, RetrievalTuning> {
  const extra: Record<string, RetrievalTuning> = {};
  for (const arg of argv.filter((a) => a.startsWith('--variant='))) {
    const [name, json] = arg.slice('--variant='.length).split(/=(.*)/s);
    extra[name!] = { ...DEFAULT_TUNING, ...(JSON.parse(json!) as Partial<RetrievalTuning>) };
  }
  return { ...VARIANTS, ...extra };
}
