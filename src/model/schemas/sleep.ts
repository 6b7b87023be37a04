import { z } from 'zod';
import { EPISODE_TYPES } from '../episode.js';
import { externalIdSchema, storableString } from './common.js';

const unit = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const between = (min: number, max: number) => `must be between ${min} and ${max}`;
/** A positive integer up to `max`, its message giving the range. */
const count = (max: number) => z.number().int('must be an integer').min(1, between(1, max)).max(max, between(1, max));

/** The widest sampling window: back to year 0001 from any date the stores accept. */
export const MAX_WINDOW_DAYS = 3_652_500;
/** The most episodes one cycle samples; cluster settings are bounded by it too. */
export const MAX_CYCLE_EPISODES = 5000;

/** How one sleep cycle samples, clusters, aligns and marks; every field has a default. */
export const sleepCycleOptionsSchema = z.strictObject({
  types: z.array(z.enum(EPISODE_TYPES)).min(1, 'needs at least one episode type').max(32).optional(),
  windowDays: z.number().positive('must be positive').max(MAX_WINDOW_DAYS, `must be at most ${MAX_WINDOW_DAYS} (10,000 years)`).optional(),
  minImportance: unit.optional(),
  minConfidence: unit.optional(),
  maxEpisodes: count(MAX_CYCLE_EPISODES).optional(),
  minSimilarity: z.number().min(-1, between(-1, 1)).max(1, between(-1, 1)).optional(),
  minClusterSize: count(MAX_CYCLE_EPISODES).optional(),
  /** Clusters stop growing at this many episodes. */
  maxClusterSize: count(MAX_CYCLE_EPISODES).optional(),
  maxClusters: count(MAX_CYCLE_EPISODES).optional(),
  /** Cosine similarity at which a gist updates an existing fact instead of creating one. */
  alignThreshold: unit.optional(),
  /** What source episodes become once migrated (default `consolidated`). */
  markAs: z.enum(['consolidated', 'compressed']).optional(),
});

export const runSleepCycleSchema = sleepCycleOptionsSchema.extend({
  externalId: externalIdSchema,
  /** Recorded in the report: `manual`, `scheduled`, `quota`, `event:<name>`… */
  trigger: storableString.trim().min(1).max(128).default('manual'),
});

export const sleepTriggersSchema = z.strictObject({
  /** Start a cycle when this many hours have passed since the last one (or since registration). */
  intervalHours: z.number().positive('must be positive').max(87_600, 'must be at most 87600 (10 years)').optional(),
  /** Start a cycle when this many episodes were written since the last one. */
  episodeQuota: count(1_000_000_000).optional(),
  /** … or this many bytes of episode text. */
  byteQuota: count(1_000_000_000_000).optional(),
  /** Named events (see emitEvent) that start a cycle. */
  events: z.array(storableString.trim().min(1).max(128)).max(64).optional(),
});

export const registerSleepScopeSchema = z.strictObject({
  externalId: externalIdSchema,
  triggers: sleepTriggersSchema,
  cycle: sleepCycleOptionsSchema.optional(),
});

export const triggerManualSchema = z.strictObject({ externalId: externalIdSchema, priority: z.number().min(-1_000_000, between(-1_000_000, 1_000_000)).max(1_000_000, between(-1_000_000, 1_000_000)).optional() });

export const emitEventSchema = z.strictObject({ externalId: externalIdSchema, event: storableString.trim().min(1).max(128) });

export const sleepReportsSchema = z.strictObject({ externalId: externalIdSchema, limit: count(1000).optional() });

export type SleepCycleOptions = z.input<typeof sleepCycleOptionsSchema>;
export type RunSleepCycleInput = z.input<typeof runSleepCycleSchema>;
export type SleepTriggers = z.input<typeof sleepTriggersSchema>;
export type RegisterSleepScopeInput = z.input<typeof registerSleepScopeSchema>;
export type TriggerManualInput = z.input<typeof triggerManualSchema>;
export type EmitEventInput = z.input<typeof emitEventSchema>;
export type SleepReportsInput = z.input<typeof sleepReportsSchema>;
