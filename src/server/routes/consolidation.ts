import { longTermQuerySchema, runsQuerySchema } from '../../consolidation/input-schemas.js';
import { parseQuery, queryBoolean, queryPositiveInt } from './query.js';
import type { Route } from './route.js';

const tag = 'consolidation';
const scope = '/v1/scopes/:externalId';
const runsQuery = runsQuerySchema.omit({ externalId: true }).extend({ limit: queryPositiveInt.optional() });
const longTermQuery = longTermQuerySchema.omit({ externalId: true }).extend({ includeEnded: queryBoolean.optional() });
const memoryRef = (params: Record<string, string>) => ({ externalId: params.externalId!, memoryId: params.memoryId! });

export const consolidationRoutes: Route[] = [
  {
    method: 'post',
    path: `${scope}/active-memories/:memoryId/consolidate`,
    operationId: 'consolidate',
    summary: "Consolidate a memory's changed sections into short-term memory now (promoting to long-term when due); returns the run",
    tag,
    handle: (r) => r.mem.consolidate(memoryRef(r.params)),
  },
  {
    method: 'get',
    path: `${scope}/active-memories/:memoryId/short-term`,
    operationId: 'getShortTermMemory',
    summary: "A memory's short-term tier: chunks, entities, relationships",
    tag,
    handle: (r) => r.mem.getShortTermMemory(memoryRef(r.params)),
  },
  {
    method: 'get',
    path: `${scope}/long-term`,
    operationId: 'getLongTermMemory',
    summary: 'The long-term tier, now or as it was at asOf',
    tag,
    query: longTermQuery,
    handle: (r) => r.mem.getLongTermMemory({ externalId: r.params.externalId!, ...parseQuery(longTermQuery, r.query) }),
  },
  {
    method: 'get',
    path: `${scope}/consolidation-runs`,
    operationId: 'getConsolidationRuns',
    summary: 'Consolidation, promotion and sleep runs with counts, reports and errors, newest first',
    tag,
    query: runsQuery,
    handle: async (r) => ({ runs: await r.mem.getConsolidationRuns({ externalId: r.params.externalId!, ...parseQuery(runsQuery, r.query) }) }),
  },
  {
    method: 'get',
    path: `${scope}/consolidation-runs/:runId`,
    operationId: 'getConsolidationRun',
    summary: 'One run with its report',
    tag,
    handle: (r) => r.mem.getConsolidationRun({ externalId: r.params.externalId!, runId: r.params.runId! }),
  },
];
