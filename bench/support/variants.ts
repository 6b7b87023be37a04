import { DEFAULT_TUNING, type RetrievalTuning } from '../../src/retrieval/tuning.js';

const retrieverOnly = { entityBoost: 0, speakerBoost: 0, temporalBoost: 0, lengthBoost: 0, contextWeight: 0, recencyBoost: 0, importanceBoost: 0 };

/** What every benchmark reports side by side: each retriever alone, and the shipped hybrid. */
export const VARIANTS: Record<string, RetrievalTuning> = {
  bm25: { ...DEFAULT_TUNING, ...retrieverOnly, weights: { text: 1, vector: 0 } },
  vector: { ...DEFAULT_TUNING, ...retrieverOnly, weights: { text: 0, vector: 1 } },
  hybrid: DEFAULT_TUNING,
};

/**
 * `--variant=name={json}` (repeatable) adds a tuning that overrides the defaults, for tuning runs;
 * `--only=a,b` keeps just the named variants.
 */
export function variantsFrom(argv: readonly string[]): Record<string, RetrievalTuning> {
  const all: Record<string, RetrievalTuning> = { ...VARIANTS };
  for (const arg of argv.filter((a) => a.startsWith('--variant='))) {
    const [name, json] = arg.slice('--variant='.length).split(/=(.*)/s);
    all[name!] = { ...DEFAULT_TUNING, ...(JSON.parse(json!) as Partial<RetrievalTuning>) };
  }
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  return only ? Object.fromEntries(Object.entries(all).filter(([name]) => only.includes(name))) : all;
}
