import { runRefSchema } from '../../model/schemas/consolidation.js';
import { NotFoundError } from '../../errors.js';
import { memoryRefSchema } from '../../model/schemas/active-memory.js';
import { addEpisodeSchema, listEpisodesSchema } from '../../model/schemas/episode.js';
import { contextForSchema, recordOutcomeSchema } from '../../model/schemas/integration.js';
import { retrieveMemoriesSchema } from '../../model/schemas/retrieval.js';
import { runSleepCycleSchema } from '../../model/schemas/sleep.js';
import { addMessagesSchema } from '../../model/schemas/message.js';
import { memoryLines } from '../../integrations/memory-line.js';
import { memoryContextSchema, searchResultsSchema } from '../schemas/retrieval.js';
import { additive, defineTool, readOnly } from './tool.js';

/** get_consolidation_report without a runId answers the newest run. */
const reportRefSchema = runRefSchema.partial({ runId: true });

export const knowledgeTools = [
  defineTool({
    name: 'search_memories',
    title: 'Search memories',
    description:
      "Search everything remembered about externalId with a natural-language query: active memory sections, short-term and long-term knowledge, episodes and facts. " +
      'Answers one line per memory, best first: [date · tier · id] content. Narrow with tiers (active, shortterm, longterm, episode, fact), types, tags, sessionId, asOf (what was true at an ISO date) ' +
      'or minScore (scores run from about 0 to 2.5; 1 or more is a strong match). Search before answering questions about the user or past work.',
    inputSchema: retrieveMemoriesSchema,
    annotations: readOnly,
    run: async (mem, args) => ({ results: await mem.retrieveMemories(args) }),
    output: { schema: searchResultsSchema, text: (result) => memoryLines(result.results) },
  }),
  defineTool({
    name: 'get_context',
    title: 'Get memory context for a task',
    description:
      'Before starting a task for externalId, get the memories relevant to it within maxTokens, one line per memory: [date · tier · id] content. ' +
      'Describe the task in one or two sentences. groupBySession keeps the turns of one conversation together, in order.',
    inputSchema: contextForSchema,
    annotations: readOnly,
    run: (mem, args) => mem.contextFor(args),
    output: { schema: memoryContextSchema, text: (result) => memoryLines(result.memories) },
  }),
  defineTool({
    name: 'add_messages',
    title: 'Record chat messages',
    description:
      'Record messages of a conversation with externalId (role user, assistant, system or tool; name for who spoke, if more precise; content). ' +
      'Pass the sessionId of the conversation to continue it; without one the messages start a new session, whose id the answer gives. Answers the stored turns.',
    inputSchema: addMessagesSchema,
    annotations: additive,
    run: async (mem, args) => {
      const episodes = await mem.addMessages(args);
      return { sessionId: episodes[0]!.sessionId!, episodes };
    },
  }),
  defineTool({
    name: 'record_outcome',
    title: 'Record a task outcome',
    description: 'After finishing a task for externalId, record what was attempted, what happened and whether it succeeded, so later tasks can learn from it.',
    inputSchema: recordOutcomeSchema,
    annotations: additive,
    run: (mem, args) => mem.recordOutcome(args),
  }),
  defineTool({
    name: 'add_episode',
    title: 'Record an episode',
    description:
      'Record one thing that happened or was learned about externalId: type episodic_event, preference, hypothesis, observation, task_outcome or conversation_turn. ' +
      'Write one self-contained sentence in text. Set importance (0-1; default 0.5) and confidence (0-1) honestly, and tags for later filtering. ' +
      'Episodes are distilled into facts by the sleep cycle.',
    inputSchema: addEpisodeSchema,
    annotations: additive,
    run: (mem, args) => mem.addEpisode(args),
  }),
  defineTool({
    name: 'list_episodes',
    title: 'List episodes',
    description: "List externalId's episodes newest first, filtered by types, statuses, tags, dates, importance or a text substring; pass nextCursor back as cursor for the next page.",
    inputSchema: listEpisodesSchema,
    annotations: readOnly,
    run: (mem, args) => mem.listEpisodes(args),
  }),
  defineTool({
    name: 'consolidate_now',
    title: 'Consolidate an active memory now',
    description:
      "Consolidate an active memory's changed sections into short-term memory immediately (promoting to long-term memory when due) instead of waiting for the update threshold. " +
      'Use at the end of a task or conversation. Returns the run with its counts; a run that finds another consolidation in progress is reported as skipped.',
    inputSchema: memoryRefSchema,
    annotations: additive,
    run: (mem, args) => mem.consolidate(args),
  }),
  defineTool({
    name: 'get_consolidation_report',
    title: 'Get a consolidation report',
    description: 'Read the report of a consolidation, promotion or sleep-cycle run of externalId: status, counts, errors and timings. Without runId, the newest run.',
    inputSchema: reportRefSchema,
    annotations: readOnly,
    run: async (mem, args) => {
      if (args.runId) return mem.getConsolidationRun({ externalId: args.externalId, runId: args.runId });
      const [newest] = await mem.getConsolidationRuns({ externalId: args.externalId, limit: 1 });
      if (!newest) throw new NotFoundError(`no consolidation run yet for externalId "${args.externalId}"`);
      return newest;
    },
  }),
  defineTool({
    name: 'run_sleep_cycle',
    title: 'Run a sleep cycle',
    description: "Distil externalId's recent episodes into durable semantic facts now (cluster, summarise, align with existing facts). Returns the report: facts created and updated, episodes consolidated.",
    inputSchema: runSleepCycleSchema,
    annotations: additive,
    run: (mem, args) => mem.runSleepCycle(args),
  }),
];

