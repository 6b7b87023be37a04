import { z } from '@hono/zod-openapi';
import type { UpdateSectionsResult } from '../../active/active-memories.js';
import type { ActiveMemory } from '../../model/active-memory.js';
import { metadataSchema } from '../../model/schemas/common.js';

const sectionTemplateSchema = z.object({ id: z.string(), title: z.string().optional(), description: z.string().optional() });

export const activeMemorySchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    externalId: z.string(),
    title: z.string(),
    template: z.object({ sections: z.array(sectionTemplateSchema) }),
    sections: z.array(sectionTemplateSchema.extend({ content: z.string(), updateCount: z.number().int(), updatedAt: z.string() })),
    metadata: metadataSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ActiveMemory') satisfies z.ZodType<ActiveMemory>;

export const updateSectionsResultSchema = z
  .object({
    memory: activeMemorySchema,
    consolidationInfo: z.object({ totalUpdateCount: z.number().int(), threshold: z.number(), willConsolidate: z.boolean() }),
  })
  .openapi('UpdateSectionsResult') satisfies z.ZodType<UpdateSectionsResult>;
