import { z } from 'zod';
import { TIERS } from '../tiers.js';
import { externalIdSchema, metadataSchema, storableString } from './common.js';
import { sessionIdSchema } from './message.js';
import { minScoreSchema } from './retrieval.js';

export const contextForSchema = z.strictObject({
  externalId: externalIdSchema,
  /** What the agent is about to do; the memories are retrieved for it. */
  task: storableString.trim().min(1, 'must be a non-empty string').max(8192),
  limit: z.number().int('must be an integer').min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100').default(10),
  /** Budget of the prompt block, estimated at 4 characters a token. */
  maxTokens: z.number().int('must be an integer').min(50, 'must be at least 50').max(100_000).default(1000),
  tiers: z.array(z.enum(TIERS)).min(1, 'needs at least one tier').max(32).optional(),
  /** Drop memories scoring below this (the scale is retrieveMemories'). */
  minScore: minScoreSchema.optional(),
  /** Only turns of this conversation session. */
  sessionId: sessionIdSchema.optional(),
  /** Keep each session's matched turns together, in the order they were said (default false: rank order). */
  groupBySession: z.boolean({ error: 'must be true or false' }).default(false),
});

export const recordOutcomeSchema = z.strictObject({
  externalId: externalIdSchema,
  task: storableString.trim().min(1, 'must be a non-empty string').max(8192),
  outcome: storableString.trim().min(1, 'must be a non-empty string').max(65_536),
  success: z.boolean({ error: 'must be true or false' }),
  metadata: metadataSchema.optional(),
});

export type ContextForInput = z.input<typeof contextForSchema>;
export type RecordOutcomeInput = z.input<typeof recordOutcomeSchema>;
