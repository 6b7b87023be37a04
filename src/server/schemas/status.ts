import { z } from '@hono/zod-openapi';
import type { MemStatus } from '../../runtime/status.js';
import { consolidationRunSchema } from './run.js';
import { sleepTaskSchema } from './sleep.js';

const count = z.number().int();

export const memStatusSchema = z
  .object({
    version: z.string(),
    store: z.object({
      kind: z.enum(['sqlite', 'postgres', 'citus']),
      vectors: z.enum(['sqlite-vec', 'pgvector-hnsw', 'exact-scan']),
      schemaVersion: z.number().int(),
      pool: z.object({ size: z.number().int(), total: z.number().int(), idle: z.number().int(), waiting: z.number().int() }).optional(),
    }),
    embedder: z.object({ id: z.string(), dimensions: z.number().int() }),
    llm: z.boolean(),
    counts: z.object({ scopes: count, activeMemories: count, episodes: count, facts: count }),
    background: z.object({
      pending: z.object({ consolidations: count, sleepCyclesQueued: count, sleepCyclesRunning: count }),
      queue: z.array(sleepTaskSchema),
      recentRuns: z.array(consolidationRunSchema),
      worker: z.object({
        running: z.boolean(),
        concurrency: count,
        pollMs: count,
        inProgress: z.array(z.object({ kind: z.enum(['consolidation', 'sleep']), externalId: z.string(), memoryId: z.string().nullable(), startedAt: z.string() })),
      }),
    }),
  })
  .openapi('Status') satisfies z.ZodType<MemStatus>;
