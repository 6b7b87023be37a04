import { z } from '@hono/zod-openapi';
import type { ScopeSummary } from '../../store/port.js';

export const scopeSummarySchema = z
  .object({ externalId: z.string(), activeMemories: z.number().int(), episodes: z.number().int(), facts: z.number().int() })
  .openapi('ScopeSummary') satisfies z.ZodType<ScopeSummary>;
