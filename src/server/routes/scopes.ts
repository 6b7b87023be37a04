import type { Route } from './route.js';

export const scopeRoutes: Route[] = [
  {
    method: 'get',
    path: '/v1/scopes',
    operationId: 'listScopes',
    summary: "The tenant's externalIds that own any memory, episode or fact, with counts",
    tag: 'scopes',
    handle: async (r) => ({ scopes: await r.mem.listScopes() }),
  },
];
