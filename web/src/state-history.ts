import { isRecord } from './format.js';

/** One change of an entity or relationship, as read from `metadata.stateHistory`. */
export interface StateChange {
  at: Date;
  types: string[];
  confidence: number | undefined;
  strength: number | undefined;
  source: string | undefined;
}

function firstNumber(...values: unknown[]): number | undefined {
  return values.find((v): v is number => typeof v === 'number');
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v.length > 0);
}

/** The dated entries of `metadata.stateHistory`, oldest first; undated or malformed ones are skipped. */
export function stateHistoryOf(metadata: unknown): StateChange[] {
  const history = isRecord(metadata) && Array.isArray(metadata.stateHistory) ? metadata.stateHistory : [];
  return history
    .filter(isRecord)
    .map((entry) => {
      const next = isRecord(entry.new) ? entry.new : {};
      const types = [entry.newTypes, entry.types, next.types].find(Array.isArray) ?? [];
      return {
        at: new Date(firstString(entry.at, entry.timestamp, entry.changedAt, entry.promotedAt) ?? Number.NaN),
        types: types.map(String),
        confidence: firstNumber(entry.newConfidence, entry.confidence, next.confidence),
        strength: firstNumber(entry.newStrength, entry.strength, next.strength),
        source: firstString(entry.sourceShorttermId, entry.source, entry.shorttermId),
      };
    })
    .filter((change) => !Number.isNaN(change.at.getTime()))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
