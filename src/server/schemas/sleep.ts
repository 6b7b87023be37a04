import { z } from '@hono/zod-openapi';
import { sleepCycleOptionsSchema } from '../../model/schemas/sleep.js';
import type { SleepReport } from '../../sleep/report.js';
import type { SleepTask } from '../../sleep/scheduler.js';

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
    scope: z.object({ tenantId: z.string(), externalId: z.string() }),
    kind: z.enum(['scheduled', 'quota', 'event', 'manual']),
    /** Recorded in the report: `scheduled`, `quota`, `event:<name>` or `manual`. */
    trigger: z.string(),
    priority: z.number(),
    enqueuedAt: z.string(),
    cycle: sleepCycleOptionsSchema.optional(),
  })
  .openapi('SleepTask') satisfies z.ZodType<SleepTask>;
