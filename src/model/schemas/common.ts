import { z } from 'zod';

export const externalIdSchema = z.string().trim().min(1, 'must be a non-empty string').max(256);
export const idSchema = z.string().min(1, 'must be a non-empty string').max(256);
export const metadataSchema = z.record(z.string(), z.unknown());
export const isoDateSchema = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });

/** Items whose metadata holds every key with exactly this value (strings, numbers, booleans, null). */
export const metadataFilterSchema = z
  .record(z.string().min(1, 'keys must be non-empty').max(256), z.union([z.string().max(4096), z.number(), z.boolean(), z.null()], { error: 'values must be strings, numbers, booleans or null' }))
  .refine((m) => Object.keys(m).length <= 32, 'at most 32 pairs');
