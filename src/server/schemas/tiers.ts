import { z } from '@hono/zod-openapi';
import type { LongTermView, ShortTermView } from '../../consolidation/memory-views.js';
import { metadataSchema } from '../../model/schemas/common.js';

const rowSchema = z.object({ id: z.string(), tenantId: z.string(), externalId: z.string(), metadata: metadataSchema, createdAt: z.string() });

const entitySchema = rowSchema.extend({
  name: z.string(),
  types: z.array(z.string()),
  description: z.string(),
  confidence: z.number(),
  updatedAt: z.string(),
});

const relationshipSchema = rowSchema.extend({
  sourceName: z.string(),
  targetName: z.string(),
  type: z.string(),
  description: z.string(),
  confidence: z.number(),
  strength: z.number(),
  updatedAt: z.string(),
});

export const shortTermViewSchema = z
  .object({
    /** Null until the memory's first consolidation. */
    id: z.string().nullable(),
    activeMemoryId: z.string(),
    updateCount: z.number().int(),
    metadata: metadataSchema,
    chunks: z.array(rowSchema.extend({ shorttermId: z.string(), sectionId: z.string(), content: z.string(), updatedAt: z.string() })),
    entities: z.array(entitySchema.extend({ shorttermId: z.string() })),
    relationships: z.array(relationshipSchema.extend({ shorttermId: z.string() })),
  })
  .openapi('ShortTermMemory') satisfies z.ZodType<ShortTermView>;

export const longTermViewSchema = z
  .object({
    chunks: z.array(
      rowSchema.extend({
        activeMemoryId: z.string().nullable(),
        sectionId: z.string().nullable(),
        content: z.string(),
        confidence: z.number(),
        importance: z.number(),
        startDate: z.string(),
        endDate: z.string().nullable(),
        lastUpdated: z.string(),
        sourceShorttermId: z.string().nullable(),
      }),
    ),
    /** `metadata.stateHistory` records every change of types and confidence. */
    entities: z.array(entitySchema),
    relationships: z.array(relationshipSchema.extend({ startDate: z.string(), endDate: z.string().nullable() })),
  })
  .openapi('LongTermMemory') satisfies z.ZodType<LongTermView>;
