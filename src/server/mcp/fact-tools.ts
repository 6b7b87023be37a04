import { factKeyRefSchema, factRefSchema, listFactsSchema, putFactSchema } from '../../model/schemas/fact.js';
import { additive, defineTool, destructive, readOnly } from './tool.js';

export const factTools = [
  defineTool({
    name: 'put_fact',
    title: 'Store a fact',
    description:
      'Store a durable key → value fact about externalId, e.g. key "user.favorite_color", value "blue", category "preference". ' +
      'Use stable, dotted keys so the same fact is updated rather than duplicated. Writing a new value keeps the old one in the history. ' +
      'Optional: subject/predicate, confidence (0-1), evidenceIds, metadata.',
    inputSchema: putFactSchema,
    annotations: additive,
    run: (mem, args) => mem.putFact(args),
  }),
  defineTool({
    name: 'get_fact',
    title: 'Get a fact',
    description: 'Read the current value of one fact by key (or the value that was valid at the ISO date asOf). Returns an error when the key is unknown; use list_facts to discover keys.',
    inputSchema: factRefSchema,
    annotations: readOnly,
    run: (mem, args) => mem.getFact(args),
  }),
  defineTool({
    name: 'list_facts',
    title: 'List facts',
    description: "List externalId's current facts, optionally filtered by category, keyPrefix or subject. Set includeHistory to also get superseded values.",
    inputSchema: listFactsSchema,
    annotations: readOnly,
    run: async (mem, args) => ({ facts: await mem.listFacts(args) }),
  }),
  defineTool({
    name: 'delete_fact',
    title: 'Delete a fact',
    description: 'Delete a fact and its whole history. Only do this when the fact is wrong or the user asks to forget it; to change a value, use put_fact.',
    inputSchema: factKeyRefSchema,
    annotations: destructive,
    run: async (mem, args) => {
      await mem.deleteFact(args);
      return { deleted: true, key: args.key };
    },
  }),
];
