import { z } from 'zod';
import { externalIdSchema, isoDateSchema, metadataSchema } from './common.js';

export const factKeySchema = z.string().trim().min(1, 'must be a non-empty string').max(512);
const optionalText = z.string().trim().min(1, 'must be a non-empty string when given').max(512).optional();

export const putFactSchema = z.strictObject({
  externalId: externalIdSchema,
  key: factKeySchema,
  value: z.string().max(65_536),
  category: z.string().trim().min(1, 'must be a non-empty string').max(128).default('general'),
  subject: optionalText,
  predicate: optionalText,
  confidence: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(1),
  evidenceIds: z.array(z.string().min(1).max(256)).max(10_000).default([]),
  metadata: metadataSchema.default({}),
});

export const factRefSchema = z.strictObject({
  externalId: externalIdSchema,
  key: factKeySchema,
  /** The version valid at this instant instead of the current one. */
  asOf: isoDateSchema.optional(),
});

export const listFactsSchema = z.strictObject({
  externalId: externalIdSchema,
  category: z.string().min(1).max(128).optional(),
  keyPrefix: z.string().min(1).max(512).optional(),
  subject: z.string().min(1).max(512).optional(),
  includeHistory: z.boolean().optional(),
});

export const factKeyRefSchema = z.strictObject({ externalId: externalIdSchema, key: factKeySchema });

export type PutFactInput = z.input<typeof putFactSchema>;
export type FactVersionInput = z.output<typeof putFactSchema>;
export type FactRef = z.input<typeof factRefSchema>;
export type ListFactsInput = z.input<typeof listFactsSchema>;
export type FactKeyRef = z.input<typeof factKeyRefSchema>;
