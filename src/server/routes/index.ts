import { activeMemoryRoutes } from './active-memories.js';
import { factRoutes } from './facts.js';
import type { Route } from './route.js';
import { scopeRoutes } from './scopes.js';

/** Every REST operation under /v1. */
export const routes: readonly Route[] = [...scopeRoutes, ...activeMemoryRoutes, ...factRoutes];
