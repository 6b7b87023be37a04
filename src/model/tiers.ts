import type { Json } from './scope.js';

/** The tiers retrieval searches. */
export const TIERS = ['active', 'shortterm', 'longterm', 'episode', 'fact'] as const;
export type Tier = (typeof TIERS)[number];

/** The tiers that can hold a match: only episodes have tags and sessions; only episodes and facts have types. */
export function tiersMatching(tiers: readonly Tier[], filter: { types?: readonly string[]; tags?: readonly string[]; sessionId?: string }): Tier[] {
  if (filter.tags?.length || filter.sessionId !== undefined) return tiers.filter((t) => t === 'episode');
  if (filter.types?.length) return tiers.filter((t) => t === 'episode' || t === 'fact');
  return [...tiers];
}

export interface ShortTermMemory {
  id: string;
  tenantId: string;
  externalId: string;
  activeMemoryId: string;
  updateCount: number;
  metadata: Json;
  createdAt: string;
  updatedAt: string;
}

export interface ShortTermChunk {
  id: string;
  shorttermId: string;
  tenantId: string;
  externalId: string;
  sectionId: string;
  content: string;
  metadata: Json;
  createdAt: string;
  updatedAt: string;
}

export interface Entity {
  id: string;
  tenantId: string;
  externalId: string;
  name: string;
  types: string[];
  description: string;
  confidence: number;
  metadata: Json;
  createdAt: string;
  updatedAt: string;
}

export interface ShortTermEntity extends Entity {
  shorttermId: string;
}

export interface Relationship {
  id: string;
  tenantId: string;
  externalId: string;
  sourceName: string;
  targetName: string;
  type: string;
  description: string;
  confidence: number;
  strength: number;
  metadata: Json;
  createdAt: string;
  updatedAt: string;
}

export interface ShortTermRelationship extends Relationship {
  shorttermId: string;
}

export interface LongTermChunk {
  id: string;
  tenantId: string;
  externalId: string;
  activeMemoryId: string | null;
  sectionId: string | null;
  content: string;
  confidence: number;
  importance: number;
  startDate: string;
  endDate: string | null;
  lastUpdated: string;
  sourceShorttermId: string | null;
  metadata: Json;
  createdAt: string;
}

/** Long-term entities keep `metadata.stateHistory`; relationships too. */
export type LongTermEntity = Entity;

export interface LongTermRelationship extends Relationship {
  startDate: string;
  endDate: string | null;
}
