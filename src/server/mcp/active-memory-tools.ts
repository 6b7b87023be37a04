import { createActiveMemorySchema, memoryRefSchema, scopeInputSchema, updateSectionSchema, updateSectionsSchema } from '../../model/schemas/active-memory.js';
import { additive, defineTool, destructive, readOnly } from './tool.js';

export const activeMemoryTools = [
  defineTool({
    name: 'get_active_memories',
    title: 'Get active memories',
    description:
      'List the active memories (working documents made of named sections) of one agent or user, identified by externalId. ' +
      'Call this at the start of a task to read what you already know and to find the memoryId and section ids you can update.',
    inputSchema: scopeInputSchema,
    annotations: readOnly,
    run: async (mem, args) => ({ memories: await mem.getActiveMemories(args) }),
  }),
  defineTool({
    name: 'create_active_memory',
    title: 'Create an active memory',
    description:
      'Create a new active memory for externalId from a template of sections (each with an id such as "goals" or "user_profile", and an optional title and description). ' +
      'Use initialSections to fill some sections at once. Create one per ongoing topic or conversation; reuse existing memories from get_active_memories when they fit.',
    inputSchema: createActiveMemorySchema,
    annotations: additive,
    run: (mem, args) => mem.createActiveMemory(args),
  }),
  defineTool({
    name: 'update_memory_sections',
    title: 'Update memory sections (batch)',
    description:
      'Replace the content of several sections of one active memory in a single atomic call (preferred over many single updates). ' +
      'Write the full new content of each section, not a diff. Unknown section ids fail the whole batch and nothing is written. ' +
      'The answer includes consolidationInfo: totalUpdateCount, threshold, and willConsolidate (true when this update started consolidation into long-term memory in the background).',
    inputSchema: updateSectionsSchema,
    annotations: additive,
    run: (mem, args) => mem.updateActiveMemorySections(args),
  }),
  defineTool({
    name: 'update_memory_section',
    title: 'Update one memory section',
    description: 'Replace the content of one section of an active memory. Prefer update_memory_sections when changing more than one section. The answer includes consolidationInfo.',
    inputSchema: updateSectionSchema,
    annotations: additive,
    run: (mem, args) => mem.updateActiveMemorySection(args),
  }),
  defineTool({
    name: 'delete_active_memory',
    title: 'Delete an active memory',
    description: 'Delete one active memory and its short-term tier. Knowledge already promoted to long-term memory stays. Only do this when the user asks to forget it.',
    inputSchema: memoryRefSchema,
    annotations: destructive,
    run: async (mem, args) => {
      await mem.deleteActiveMemory(args);
      return { deleted: true, memoryId: args.memoryId };
    },
  }),
];
