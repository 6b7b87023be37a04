import { z } from '@hono/zod-openapi';
import { TRIGGER_KINDS, type SleepRegistration, type SleepTask } from '../../model/background.js';
import { sleepCycleOptionsSchema, sleepTriggersSchema } from '../../model/schemas/sleep.js';
import type { SleepReport } from '../../sleep/report.js';

export const sleepReportSchema = z
  .object({
    runId: z.string(),
    tenantId: z.string(),
    externalId: z.string(),
    trigger: z.string(),
    status: z.enum(['succeeded', 'failed', 'skipped']),
    sampled: z.number().int(),
    clusters: z.number().int(),
    gists: z.number().int(),
    factsCreated: z.number().int(),
    factsUpdated: z.number().int(),
    episodesMarked: z.number().int(),
    deferred: z.number().int(),
    errors: z.array(z.string()),
    elapsedMs: z.number(),
    startedAt: z.string(),
    finishedAt: z.string(),
    facts: z.array(
      z.object({
        factId: z.string(),
        key: z.string(),
        action: z.enum(['create', 'update']),
        matchedBy: z.enum(['key', 'predicate', 'similarity']).optional(),
        gistSource: z.enum(['llm', 'extractive']),
        evidenceIds: z.array(z.string()),
      }),
    ),
  })
  .openapi('SleepReport') satisfies z.ZodType<SleepReport>;

export const sleepTaskSchema = z
  .object({
    id: z.string(),
    scope: z.object({ tenantId: z.string(), externalId: z.string() }),
    kind: z.enum(TRIGGER_KINDS),
    /** Recorded in the report: `scheduled`, `quota`, `event:<name>` or `manual`. */
    trigger: z.string(),
    priority: z.number(),
    enqueuedAt: z.string(),
  })
  .openapi('SleepTask') satisfies z.ZodType<SleepTask>;

export const sleepRegistrationSchema = z
  .object({
    tenantId: z.string(),
    externalId: z.string(),
    /** `registered`: the scope's own triggers; `default`: it set none, and these apply. */
    source: z.enum(['registered', 'default']),
    triggers: sleepTriggersSchema,
    cycle: sleepCycleOptionsSchema,
    registeredAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi('SleepTriggers') satisfies z.ZodType<SleepRegistration>;
