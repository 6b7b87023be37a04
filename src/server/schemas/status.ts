import { z } from '@hono/zod-openapi';
import type { MemStatus } from '../../runtime/status.js';

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
  })
  .openapi('Status') satisfies z.ZodType<MemStatus>;
