import { z } from 'zod';
import { RUN_KINDS } from '../model/run.js';
import { externalIdSchema, idSchema, isoDateSchema } from '../model/schemas/common.js';

export const runsQuerySchema = z.object({
  externalId: externalIdSchema,
  kind: z.enum(RUN_KINDS).optional(),
  memoryId: idSchema.optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const runRefSchema = z.object({ externalId: externalIdSchema, runId: idSchema });

export const longTermQuerySchema = z.object({
  externalId: externalIdSchema,
  /** Only what was valid at this instant. */
  asOf: isoDateSchema.optional(),
  /** Without asOf: include closed chunks and relationships too. */
  includeEnded: z.boolean().optional(),
});

export type RunsQuery = z.input<typeof runsQuerySchema>;
export type RunRef = z.input<typeof runRefSchema>;
export type LongTermQuery = z.input<typeof longTermQuerySchema>;
