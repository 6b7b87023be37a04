import { z } from '@hono/zod-openapi';
import { RUN_KINDS, RUN_STATUSES, type ConsolidationRun } from '../../model/run.js';
import { metadataSchema } from '../../model/schemas/common.js';

export const consolidationRunSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    externalId: z.string(),
    kind: z.enum(RUN_KINDS),
    memoryId: z.string().nullable(),
    trigger: z.string(),
    status: z.enum(RUN_STATUSES),
    counts: z.record(z.string(), z.number()),
    report: metadataSchema,
    error: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('ConsolidationRun') satisfies z.ZodType<ConsolidationRun>;
