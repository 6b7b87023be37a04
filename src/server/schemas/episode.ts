import { z } from '@hono/zod-openapi';
import { EPISODE_STATUSES, EPISODE_TYPES, type Episode } from '../../model/episode.js';
import { metadataSchema } from '../../model/schemas/common.js';
import type { Page } from '../../store/port.js';

export const episodeSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    externalId: z.string(),
    type: z.enum(EPISODE_TYPES),
    text: z.string(),
    importance: z.number(),
    confidence: z.number(),
    emotionalValence: z.number(),
    tags: z.array(z.string()),
    metadata: metadataSchema,
    occurredAt: z.string(),
    createdAt: z.string(),
    accessCount: z.number().int(),
    lastAccessedAt: z.string().nullable(),
    status: z.enum(EPISODE_STATUSES),
    consolidatedAt: z.string().nullable(),
    /** The conversation session of a turn written by addMessages; null for other episodes. */
    sessionId: z.string().nullable(),
    /** The turn's place in its session, from 0. */
    position: z.number().int().nullable(),
    /** Who said it: the message's name, else its role. */
    speaker: z.string().nullable(),
  })
  .openapi('Episode') satisfies z.ZodType<Episode>;

export const episodePageSchema = z
  .object({
    items: z.array(episodeSchema),
    /** Pass back as `cursor` for the next page; absent on the last page. */
    nextCursor: z.string().optional(),
  })
  .openapi('EpisodePage') satisfies z.ZodType<Page<Episode>>;

/** What addMessages answers over REST and MCP. */
export const addedMessagesSchema = z
  .object({
    /** The session the messages were recorded in (the one given, or a new one). */
    sessionId: z.string(),
    episodes: z.array(episodeSchema),
  })
  .openapi('AddedMessages');
