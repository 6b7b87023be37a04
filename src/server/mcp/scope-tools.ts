import { z } from 'zod';
import { defineTool, readOnly } from './tool.js';

export const scopeTools = [
  defineTool({
    name: 'list_scopes',
    title: 'List remembered agents and users',
    description: 'List every externalId (agent or user) that has memories, episodes or facts, with counts. Use it to find the right externalId before reading memory.',
    inputSchema: z.strictObject({}),
    annotations: readOnly,
    run: async (mem) => ({ scopes: await mem.listScopes() }),
  }),
];
