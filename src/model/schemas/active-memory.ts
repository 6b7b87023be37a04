import { z } from 'zod';
import { externalIdSchema, idSchema, metadataSchema } from './common.js';

const sectionIdSchema = z
  .string()
  .min(1, 'must be a non-empty string')
  .max(128)
  .regex(/^[A-Za-z0-9_.-]+$/, 'may hold letters, digits, _ . - only');

export const createActiveMemorySchema = z.strictObject({
  externalId: externalIdSchema,
  title: z.string().trim().min(1, 'must be a non-empty string').max(512),
  template: z.strictObject({
    sections: z
      .array(z.strictObject({ id: sectionIdSchema, title: z.string().max(512).optional(), description: z.string().max(4096).optional() }))
      .min(1, 'needs at least one section')
      .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'section ids must be unique'),
  }),
  initialSections: z.record(z.string(), z.string()).optional(),
  metadata: metadataSchema.optional(),
});

export const memoryRefSchema = z.strictObject({ externalId: externalIdSchema, memoryId: idSchema });

export const updateSectionsSchema = z.strictObject({
  externalId: externalIdSchema,
  memoryId: idSchema,
  sections: z
    .array(z.strictObject({ sectionId: idSchema, newContent: z.string() }))
    .min(1, 'needs at least one section update')
    .refine((s) => new Set(s.map((x) => x.sectionId)).size === s.length, 'a section may appear once per batch'),
});

export const updateSectionSchema = z.strictObject({
  externalId: externalIdSchema,
  memoryId: idSchema,
  sectionId: idSchema,
  newContent: z.string(),
});

export const scopeInputSchema = z.strictObject({ externalId: externalIdSchema });

export type CreateActiveMemoryInput = z.input<typeof createActiveMemorySchema>;
export type UpdateSectionsInput = z.input<typeof updateSectionsSchema>;
export type UpdateSectionInput = z.input<typeof updateSectionSchema>;
export type MemoryRef = z.input<typeof memoryRefSchema>;
