import { activeMemoryRoutes } from './active-memories.js';
import { consolidationRoutes } from './consolidation.js';
import { episodeRoutes } from './episodes.js';
import { factRoutes } from './facts.js';
import { integrationRoutes } from './integrations.js';
import { retrievalRoutes } from './retrieval.js';
import type { Route } from './route.js';
import { scopeRoutes } from './scopes.js';
import { sleepRoutes } from './sleep.js';

/** Every REST operation under /v1. */
export const routes: readonly Route[] = [
  ...scopeRoutes,
  ...activeMemoryRoutes,
  ...consolidationRoutes,
  ...episodeRoutes,
  ...retrievalRoutes,
  ...integrationRoutes,
  ...factRoutes,
  ...sleepRoutes,
];
