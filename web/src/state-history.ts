import { isRecord } from './format.js';

/** One change of an entity, as promotion appends it to `metadata.stateHistory`. */
export interface StateChange {
  at: Date;
  types: string[];
  confidence: number | undefined;
  sourceShorttermId: string | undefined;
}

/** The dated entries of `metadata.stateHistory`, oldest first; malformed ones are skipped. */
export function stateHistoryOf(metadata: unknown): StateChange[] {
  const history = isRecord(metadata) && Array.isArray(metadata.stateHistory) ? metadata.stateHistory : [];
  return history
    .filter(isRecord)
    .map((entry) => ({
      at: new Date(typeof entry.at === 'string' ? entry.at : Number.NaN),
      types: Array.isArray(entry.newTypes) ? entry.newTypes.map(String) : [],
      confidence: typeof entry.newConfidence === 'number' ? entry.newConfidence : undefined,
      sourceShorttermId: typeof entry.sourceShorttermId === 'string' ? entry.sourceShorttermId : undefined,
    }))
    .filter((change) => !Number.isNaN(change.at.getTime()))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
