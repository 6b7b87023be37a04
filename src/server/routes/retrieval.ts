import { retrieveMemoriesSchema, type RetrieveMemoriesInput } from '../../model/schemas/retrieval.js';
import type { Route } from './route.js';
import { scopedInput } from './scope-body.js';

export const retrievalRoutes: Route[] = [
  {
    method: 'post',
    path: '/v1/scopes/:externalId/search',
    operationId: 'retrieveMemories',
    summary: 'Hybrid search (vector + full text, fused) over the tiers asked for; each result says its tier, score and provenance',
    tag: 'retrieval',
    body: retrieveMemoriesSchema.omit({ externalId: true }),
    handle: async (r) => ({ results: await r.mem.retrieveMemories(scopedInput<RetrieveMemoriesInput>(r)) }),
  },
];
