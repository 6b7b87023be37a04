import { z } from 'zod';

export const externalIdSchema = z.string().trim().min(1, 'must be a non-empty string').max(256);
export const idSchema = z.string().min(1, 'must be a non-empty string').max(256);
export const metadataSchema = z.record(z.string(), z.unknown());
export const isoDateSchema = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });
