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
  {
    method: 'delete',
    path: '/v1/scopes/:externalId',
    operationId: 'deleteScope',
    summary: 'Delete everything remembered about an externalId, in every tier',
    tag: 'scopes',
    status: 204,
    handle: (r) => r.mem.deleteScope({ externalId: r.params.externalId! }),
  },
];
