import { z } from 'zod';
import { isoDateSchema } from '../../model/schemas/common.js';
import { listFactsSchema, putFactSchema, type ListFactsInput, type PutFactInput } from '../../model/schemas/fact.js';
import { parseQuery, queryBoolean } from './query.js';
import type { Route } from './route.js';
import { scopedInput } from './scope-body.js';

const base = '/v1/scopes/:externalId/facts';
const tag = 'facts';

const listQuery = listFactsSchema.omit({ externalId: true, includeHistory: true }).extend({ includeHistory: queryBoolean.optional() });
const getQuery = z.object({ asOf: isoDateSchema.optional() });
const ref = (params: Record<string, string>) => ({ externalId: params.externalId!, key: params.key! });

export const factRoutes: Route[] = [
  {
    method: 'put',
    path: `${base}/:key`,
    operationId: 'putFact',
    summary: 'Write a fact; a new value closes the previous version (kept in the history)',
    tag,
    body: putFactSchema.omit({ externalId: true, key: true }),
    handle: (r) => r.mem.putFact(scopedInput<PutFactInput>(r, { key: r.params.key })),
  },
  {
    method: 'get',
    path: `${base}/:key`,
    operationId: 'getFact',
    summary: 'The current version of a fact, or the version valid at asOf',
    tag,
    query: getQuery,
    handle: (r) => r.mem.getFact({ ...ref(r.params), ...parseQuery(getQuery, r.query) }),
  },
  {
    method: 'get',
    path: `${base}/:key/history`,
    operationId: 'factHistory',
    summary: 'Every version of a fact, oldest first',
    tag,
    handle: async (r) => ({ versions: await r.mem.factHistory(ref(r.params)) }),
  },
  {
    method: 'get',
    path: base,
    operationId: 'listFacts',
    summary: "List the scope's current facts (with includeHistory=true, every version)",
    tag,
    query: listQuery,
    handle: async (r) => ({ facts: await r.mem.listFacts({ externalId: r.params.externalId!, ...parseQuery(listQuery, r.query) } satisfies ListFactsInput) }),
  },
  {
    method: 'delete',
    path: `${base}/:key`,
    operationId: 'deleteFact',
    summary: 'Delete every version of a fact',
    tag,
    status: 204,
    handle: (r) => r.mem.deleteFact(ref(r.params)),
  },
];
