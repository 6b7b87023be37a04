import { z } from 'zod';
import { EPISODE_STATUSES, EPISODE_TYPES } from '../episode.js';
import { externalIdSchema, idSchema, isoDateSchema, metadataFilterSchema, metadataSchema, storableString } from './common.js';

const unitInterval = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const tagSchema = storableString.trim().min(1, 'must be a non-empty string').max(128);

/** One episode as a caller writes it; every field but `text` has a default. */
export const episodeInputSchema = z.strictObject({
  text: storableString.trim().min(1, 'must be a non-empty string').max(100_000),
  /** When it happened (default: now). */
  occurredAt: isoDateSchema.optional(),
  type: z.enum(EPISODE_TYPES).default('episodic_event'),
  importance: unitInterval.default(0.5),
  confidence: unitInterval.default(1),
  emotionalValence: z.number().min(-1, 'must be between -1 and 1').max(1, 'must be between -1 and 1').default(0),
  tags: z.array(tagSchema).max(64).default([]),
  metadata: metadataSchema.default({}),
});

export const addEpisodeSchema = episodeInputSchema.extend({ externalId: externalIdSchema });

export const addEpisodesSchema = z.strictObject({
  externalId: externalIdSchema,
  episodes: z.array(episodeInputSchema).min(1, 'needs at least one episode').max(10_000),
});

export const episodeRefSchema = z.strictObject({ externalId: externalIdSchema, episodeId: idSchema });

export const listEpisodesSchema = z.strictObject({
  externalId: externalIdSchema,
  types: z.array(z.enum(EPISODE_TYPES)).max(32).optional(),
  /** Default: every status but `deleted`. */
  statuses: z.array(z.enum(EPISODE_STATUSES)).max(32).optional(),
  /** Episodes with at least one of these tags. */
  tags: z.array(tagSchema).max(64).optional(),
  occurredFrom: isoDateSchema.optional(),
  occurredTo: isoDateSchema.optional(),
  minImportance: unitInterval.optional(),
  minConfidence: unitInterval.optional(),
  /** Case-insensitive substring of the text. */
  textContains: storableString.min(1).max(1024).optional(),
  /** Episodes whose metadata holds every given key with exactly the given value. */
  metadata: metadataFilterSchema.optional(),
  limit: z.number().int().min(1, 'must be between 1 and 500').max(500, 'must be between 1 and 500').default(50),
  cursor: storableString.min(1).max(2048).optional(),
});

export type EpisodeInput = z.input<typeof episodeInputSchema>;
export type AddEpisodeInput = z.input<typeof addEpisodeSchema>;
export type AddEpisodesInput = z.input<typeof addEpisodesSchema>;
export type EpisodeRef = z.input<typeof episodeRefSchema>;
export type ListEpisodesInput = z.input<typeof listEpisodesSchema>;
