import type { Json } from './scope.js';

export const EPISODE_TYPES = [
  'episodic_event',
  'preference',
  'hypothesis',
  'observation',
  'task_outcome',
  'conversation_turn',
] as const;
export type EpisodeType = (typeof EPISODE_TYPES)[number];

export const EPISODE_STATUSES = ['active', 'consolidated', 'compressed', 'deleted'] as const;
export type EpisodeStatus = (typeof EPISODE_STATUSES)[number];

export interface Episode {
  id: string;
  tenantId: string;
  externalId: string;
  type: EpisodeType;
  text: string;
  importance: number;
  confidence: number;
  emotionalValence: number;
  tags: string[];
  metadata: Json;
  occurredAt: string;
  createdAt: string;
  accessCount: number;
  lastAccessedAt: string | null;
  status: EpisodeStatus;
  consolidatedAt: string | null;
  /** The conversation a turn written by addMessages belongs to; null for other episodes. */
  sessionId: string | null;
  /** The turn's place in its session, from 0. */
  position: number | null;
  /** Who said it: the message's name, else its role. */
  speaker: string | null;
}
