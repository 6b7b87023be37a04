import { createActiveMemorySchema, updateSectionSchema, updateSectionsSchema } from '../../model/schemas/active-memory.js';
import type { Route } from './route.js';
import { scopedInput } from './scope-body.js';

const base = '/v1/scopes/:externalId/active-memories';
const tag = 'active memory';

export const activeMemoryRoutes: Route[] = [
  {
    method: 'post',
    path: base,
    operationId: 'createActiveMemory',
    summary: 'Create an active memory from a template of sections',
    tag,
    body: createActiveMemorySchema.omit({ externalId: true }),
    status: 201,
    handle: (r) => r.mem.createActiveMemory(scopedInput(r)),
  },
  {
    method: 'get',
    path: base,
    operationId: 'getActiveMemories',
    summary: "List the scope's active memories",
    tag,
    handle: async (r) => ({ memories: await r.mem.getActiveMemories({ externalId: r.params.externalId! }) }),
  },
  {
    method: 'get',
    path: `${base}/:memoryId`,
    operationId: 'getActiveMemory',
    summary: 'Get one active memory with its sections',
    tag,
    handle: (r) => r.mem.getActiveMemory({ externalId: r.params.externalId!, memoryId: r.params.memoryId! }),
  },
  {
    method: 'delete',
    path: `${base}/:memoryId`,
    operationId: 'deleteActiveMemory',
    summary: 'Delete an active memory and its short-term tier (promoted long-term knowledge stays)',
    tag,
    status: 204,
    handle: (r) => r.mem.deleteActiveMemory({ externalId: r.params.externalId!, memoryId: r.params.memoryId! }),
  },
  {
    method: 'patch',
    path: `${base}/:memoryId/sections`,
    operationId: 'updateActiveMemorySections',
    summary: 'Update a batch of sections atomically; the response carries consolidationInfo',
    tag,
    body: updateSectionsSchema.omit({ externalId: true, memoryId: true }),
    handle: (r) => r.mem.updateActiveMemorySections(scopedInput(r, { memoryId: r.params.memoryId })),
  },
  {
    method: 'put',
    path: `${base}/:memoryId/sections/:sectionId`,
    operationId: 'updateActiveMemorySection',
    summary: 'Replace the content of one section',
    tag,
    body: updateSectionSchema.pick({ newContent: true }),
    handle: (r) => r.mem.updateActiveMemorySection(scopedInput(r, { memoryId: r.params.memoryId, sectionId: r.params.sectionId })),
  },
];
