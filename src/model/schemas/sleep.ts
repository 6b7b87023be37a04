import { z } from 'zod';
import { EPISODE_TYPES } from '../episode.js';
import { externalIdSchema } from './common.js';

const unit = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const positiveInt = z.number().int('must be an integer').positive('must be positive');

/** How one sleep cycle samples, clusters, aligns and marks; every field has a default. */
export const sleepCycleOptionsSchema = z.strictObject({
  types: z.array(z.enum(EPISODE_TYPES)).min(1, 'needs at least one episode type').optional(),
  windowDays: z.number().positive('must be positive').optional(),
  minImportance: unit.optional(),
  minConfidence: unit.optional(),
  maxEpisodes: positiveInt.max(5000, 'at most 5000 episodes per cycle').optional(),
  minSimilarity: z.number().min(-1).max(1).optional(),
  minClusterSize: positiveInt.optional(),
  /** Clusters stop growing at this many episodes. */
  maxClusterSize: positiveInt.optional(),
  maxClusters: positiveInt.optional(),
  /** Cosine similarity at which a gist updates an existing fact instead of creating one. */
  alignThreshold: unit.optional(),
  /** What source episodes become once migrated (default `consolidated`). */
  markAs: z.enum(['consolidated', 'compressed']).optional(),
});

export const runSleepCycleSchema = sleepCycleOptionsSchema.extend({
  externalId: externalIdSchema,
  /** Recorded in the report: `manual`, `scheduled`, `quota`, `event:<name>`… */
  trigger: z.string().trim().min(1).max(128).default('manual'),
});

export const sleepTriggersSchema = z.strictObject({
  /** Start a cycle when this many hours have passed since the last one (or since registration). */
  intervalHours: z.number().positive('must be positive').optional(),
  /** Start a cycle when this many episodes were written since the last one. */
  episodeQuota: positiveInt.optional(),
  /** … or this many bytes of episode text. */
  byteQuota: positiveInt.optional(),
  /** Named events (see emitEvent) that start a cycle. */
  events: z.array(z.string().trim().min(1).max(128)).optional(),
});

export const registerSleepScopeSchema = z.strictObject({
  externalId: externalIdSchema,
  triggers: sleepTriggersSchema,
  cycle: sleepCycleOptionsSchema.optional(),
});

export const triggerManualSchema = z.strictObject({ externalId: externalIdSchema, priority: z.number().finite().optional() });

export const emitEventSchema = z.strictObject({ externalId: externalIdSchema, event: z.string().trim().min(1).max(128) });

export const sleepReportsSchema = z.strictObject({ externalId: externalIdSchema, limit: positiveInt.max(1000).optional() });

export type SleepCycleOptions = z.input<typeof sleepCycleOptionsSchema>;
export type RunSleepCycleInput = z.input<typeof runSleepCycleSchema>;
export type SleepTriggers = z.input<typeof sleepTriggersSchema>;
export type RegisterSleepScopeInput = z.input<typeof registerSleepScopeSchema>;
export type TriggerManualInput = z.input<typeof triggerManualSchema>;
export type EmitEventInput = z.input<typeof emitEventSchema>;
export type SleepReportsInput = z.input<typeof sleepReportsSchema>;
