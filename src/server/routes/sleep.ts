import { z } from 'zod';
import { runSleepCycleSchema, type RunSleepCycleInput } from '../../model/schemas/sleep.js';
import { parseQuery, queryPositiveInt } from './query.js';
import type { Route } from './route.js';
import { scopedInput } from './scope-body.js';

const reportsQuery = z.object({ limit: queryPositiveInt.optional() });

export const sleepRoutes: Route[] = [
  {
    method: 'post',
    path: '/v1/scopes/:externalId/sleep',
    operationId: 'runSleepCycle',
    summary: "Run a sleep cycle now: the scope's episodes become semantic facts; returns the report",
    tag: 'sleep cycle',
    body: runSleepCycleSchema.omit({ externalId: true }),
    handle: (r) => r.mem.runSleepCycle(scopedInput<RunSleepCycleInput>(r)),
  },
  {
    method: 'get',
    path: '/v1/scopes/:externalId/sleep/reports',
    operationId: 'getSleepReports',
    summary: 'Reports of finished sleep cycles, newest first',
    tag: 'sleep cycle',
    query: reportsQuery,
    handle: async (r) => ({ reports: await r.mem.getSleepReports({ externalId: r.params.externalId!, ...parseQuery(reportsQuery, r.query) }) }),
  },
];
