import { z } from 'zod';
import { externalIdSchema, isoDateSchema, metadataSchema, storableString } from './common.js';

export const factKeySchema = storableString.trim().min(1, 'must be a non-empty string').max(512);
const optionalText = storableString.trim().min(1, 'must be a non-empty string when given').max(512).optional();

export const putFactSchema = z.strictObject({
  externalId: externalIdSchema,
  key: factKeySchema,
  value: storableString.max(65_536),
  category: storableString.trim().min(1, 'must be a non-empty string').max(128).default('general'),
  subject: optionalText,
  predicate: optionalText,
  confidence: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(1),
  evidenceIds: z.array(storableString.min(1).max(256)).max(10_000).default([]),
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
  category: storableString.min(1).max(128).optional(),
  keyPrefix: storableString.min(1).max(512).optional(),
  subject: storableString.min(1).max(512).optional(),
  includeHistory: z.boolean().optional(),
});

export const factKeyRefSchema = z.strictObject({ externalId: externalIdSchema, key: factKeySchema });

export type PutFactInput = z.input<typeof putFactSchema>;
export type FactVersionInput = z.output<typeof putFactSchema>;
export type FactRef = z.input<typeof factRefSchema>;
export type ListFactsInput = z.input<typeof listFactsSchema>;
export type FactKeyRef = z.input<typeof factKeyRefSchema>;
