import { z } from 'zod';
import { RESERVED_KEY, RESERVED_KEY_REASON, externalIdSchema, idSchema, metadataSchema, recordSchema, storableString } from './common.js';

const sectionIdSchema = z
  .string()
  .min(1, 'must be a non-empty string')
  .max(128)
  .regex(/^[A-Za-z0-9_.-]+$/, 'may hold letters, digits, _ . - only')
  .refine((id) => id !== RESERVED_KEY, RESERVED_KEY_REASON);

/** A section's text; as long as an episode's may be. */
const sectionContentSchema = storableString.max(100_000);

export const createActiveMemorySchema = z.strictObject({
  externalId: externalIdSchema,
  title: storableString.trim().min(1, 'must be a non-empty string').max(512),
  template: z.strictObject({
    sections: z
      .array(z.strictObject({ id: sectionIdSchema, title: storableString.max(512).optional(), description: storableString.max(4096).optional() }))
      .min(1, 'needs at least one section')
      .max(256)
      .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'section ids must be unique'),
  }),
  initialSections: recordSchema(storableString.max(128), sectionContentSchema).optional(),
  metadata: metadataSchema.optional(),
});

export const memoryRefSchema = z.strictObject({ externalId: externalIdSchema, memoryId: idSchema });

export const updateSectionsSchema = z.strictObject({
  externalId: externalIdSchema,
  memoryId: idSchema,
  sections: z
    .array(z.strictObject({ sectionId: idSchema, newContent: sectionContentSchema }))
    .min(1, 'needs at least one section update')
    .max(256)
    .refine((s) => new Set(s.map((x) => x.sectionId)).size === s.length, 'a section may appear once per batch'),
});

export const updateSectionSchema = z.strictObject({
  externalId: externalIdSchema,
  memoryId: idSchema,
  sectionId: idSchema,
  newContent: sectionContentSchema,
});

export const scopeInputSchema = z.strictObject({ externalId: externalIdSchema });

export type CreateActiveMemoryInput = z.input<typeof createActiveMemorySchema>;
export type UpdateSectionsInput = z.input<typeof updateSectionsSchema>;
export type UpdateSectionInput = z.input<typeof updateSectionSchema>;
export type MemoryRef = z.input<typeof memoryRefSchema>;
