import type { FusionWeights } from './fusion.js';

/** The knobs of hybrid retrieval; the defaults are the ones measured best in bench/ (docs/retrieval.md). */
export interface RetrievalTuning {
  weights: FusionWeights;
  /** Hits each retriever contributes before fusion, per query. */
  candidates: number;
  /** Added, times the share of the query's names an item mentions. */
  entityBoost: number;
  /** Added to a chat turn spoken by someone the query names. */
  speakerBoost: number;
  /** Added to an item that says when something happened, for a query that asks when. */
  temporalBoost: number;
  /** Added times min(1, characters / 200): short replies hold less worth remembering. */
  lengthBoost: number;
  /** Share of its best neighbouring turn's score a conversation turn takes in. */
  contextWeight: number;
  /** Turns this close in time count as neighbours in a conversation. */
  contextWindowMinutes: number;
  /** Added at most for a very recent item, fading with age. */
  recencyBoost: number;
  /** Days over which the recency boost halves. */
  recencyHalfLifeDays: number;
  /** Added times (importance − 0.5). */
  importanceBoost: number;
}

export const DEFAULT_TUNING: RetrievalTuning = {
  weights: { text: 0.6, vector: 0.4 },
  candidates: 100,
  entityBoost: 0.05,
  speakerBoost: 0.4,
  temporalBoost: 0.3,
  lengthBoost: 0.1,
  contextWeight: 0.4,
  contextWindowMinutes: 2,
  recencyBoost: 0.02,
  recencyHalfLifeDays: 30,
  importanceBoost: 0.1,
};
