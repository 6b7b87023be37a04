import { contextForSchema, recordOutcomeSchema, type ContextForInput, type RecordOutcomeInput } from '../../model/schemas/integration.js';
import type { Route } from './route.js';
import { scopedInput } from './scope-body.js';

export const integrationRoutes: Route[] = [
  {
    method: 'post',
    path: '/v1/scopes/:externalId/context',
    operationId: 'contextFor',
    summary: 'The memories relevant to a task and a ready prompt block within maxTokens',
    tag: 'integrations',
    body: contextForSchema.omit({ externalId: true }),
    handle: (r) => r.mem.contextFor(scopedInput<ContextForInput>(r)),
  },
  {
    method: 'post',
    path: '/v1/scopes/:externalId/outcomes',
    operationId: 'recordOutcome',
    summary: 'Record how a task went (a task_outcome episode)',
    tag: 'integrations',
    body: recordOutcomeSchema.omit({ externalId: true }),
    status: 201,
    handle: (r) => r.mem.recordOutcome(scopedInput<RecordOutcomeInput>(r)),
  },
];
