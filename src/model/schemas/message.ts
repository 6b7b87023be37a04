import { z } from 'zod';
import { episodeInputSchema } from './episode.js';
import { externalIdSchema, isoDateSchema, metadataSchema, storableString } from './common.js';

export const MESSAGE_ROLES = ['user', 'assistant', 'system', 'tool'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export const sessionIdSchema = storableString.trim().min(1, 'must be a non-empty string').max(256);

/** One chat message as mem0, Zep or the AI SDK would hand it over. */
export const messageSchema = z.strictObject({
  role: z.enum(MESSAGE_ROLES, { error: `must be one of ${MESSAGE_ROLES.join(', ')}` }),
  /** Who spoke, when more precise than the role ("Caroline"); the turn's speaker is `name ?? role`. */
  name: storableString.trim().min(1, 'must be a non-empty string').max(128).optional(),
  content: episodeInputSchema.shape.text,
  /** When it was said (default: now). */
  createdAt: isoDateSchema.optional(),
  /** Kept as the episode's metadata (e.g. the message's id in your app). */
  metadata: metadataSchema.optional(),
});

export const addMessagesSchema = z.strictObject({
  externalId: externalIdSchema,
  /** The conversation the messages continue; default: a new session of their own. */
  sessionId: sessionIdSchema.optional(),
  messages: z.array(messageSchema).min(1, 'needs at least one message').max(10_000),
});

export type MessageInput = z.input<typeof messageSchema>;
export type AddMessagesInput = z.input<typeof addMessagesSchema>;
