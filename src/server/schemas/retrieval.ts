import { z } from '@hono/zod-openapi';
import type { MemoryContextBlock } from '../../integrations/context.js';
import type { RetrievedMemory } from '../../model/retrieval.js';
import { metadataSchema } from '../../model/schemas/common.js';
import { TIERS } from '../../model/tiers.js';

export const retrievedMemorySchema = z
  .object({
    tier: z.enum(TIERS),
    /** Episode, chunk or fact id; `<memoryId>/<sectionId>` for an active section. */
    id: z.string(),
    content: z.string(),
    score: z.number(),
    scores: z.object({
      vector: z.number().optional(),
      text: z.number().optional(),
      fused: z.number(),
      entity: z.number(),
      time: z.number(),
      length: z.number(),
      context: z.number(),
      recency: z.number(),
      importance: z.number(),
    }),
    provenance: z.object({
      memoryId: z.string().optional(),
      sectionId: z.string().optional(),
      shorttermId: z.string().optional(),
      evidenceIds: z.array(z.string()).optional(),
      factKey: z.string().optional(),
      occurredAt: z.string().optional(),
      sessionId: z.string().optional(),
      position: z.number().int().optional(),
      speaker: z.string().optional(),
      validFrom: z.string().optional(),
      validTo: z.string().nullable().optional(),
    }),
    metadata: metadataSchema,
    type: z.string().optional(),
    tags: z.array(z.string()).optional(),
  })
  .openapi('RetrievedMemory') satisfies z.ZodType<RetrievedMemory>;

export const memoryContextSchema = z
  .object({
    memories: z.array(retrievedMemorySchema),
    /** A ready prompt block; empty when nothing relevant is stored. */
    prompt: z.string(),
    estimatedTokens: z.number().int(),
  })
  .openapi('MemoryContext') satisfies z.ZodType<MemoryContextBlock>;

export const searchResultsSchema = z.object({ results: z.array(retrievedMemorySchema) });
