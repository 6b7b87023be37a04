import { z } from '@hono/zod-openapi';
import type { Fact } from '../../model/fact.js';
import { metadataSchema } from '../../model/schemas/common.js';

/** One version of a fact; the current one has `validTo: null`. */
export const factSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    externalId: z.string(),
    key: z.string(),
    category: z.string(),
    subject: z.string().nullable(),
    predicate: z.string().nullable(),
    value: z.string(),
    confidence: z.number(),
    evidenceIds: z.array(z.string()),
    metadata: metadataSchema,
    validFrom: z.string(),
    validTo: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Fact') satisfies z.ZodType<Fact>;
