import { z } from 'zod';
import { RUN_KINDS } from '../run.js';
import { externalIdSchema, idSchema, isoDateSchema } from './common.js';

export const runsQuerySchema = z.strictObject({
  externalId: externalIdSchema,
  kind: z.enum(RUN_KINDS).optional(),
  memoryId: idSchema.optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const runRefSchema = z.strictObject({ externalId: externalIdSchema, runId: idSchema });

export const longTermQuerySchema = z.strictObject({
  externalId: externalIdSchema,
  /** Only what was valid at this instant. */
  asOf: isoDateSchema.optional(),
  /** Without asOf: include closed chunks and relationships too. */
  includeEnded: z.boolean().optional(),
});

export type RunsQuery = z.input<typeof runsQuerySchema>;
export type RunRef = z.input<typeof runRefSchema>;
export type LongTermQuery = z.input<typeof longTermQuerySchema>;
