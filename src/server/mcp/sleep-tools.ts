import { scopeInputSchema } from '../../model/schemas/active-memory.js';
import { emitEventSchema, registerSleepScopeSchema, triggerManualSchema } from '../../model/schemas/sleep.js';
import { additive, defineTool, destructive, readOnly } from './tool.js';

export const sleepTools = [
  defineTool({
    name: 'get_sleep_triggers',
    title: 'Get sleep-cycle triggers',
    description:
      "Read when externalId's sleep cycle (episodes distilled into facts) runs on its own: intervalHours, episodeQuota, byteQuota and events. " +
      'source says whether these are its own triggers or the defaults.',
    inputSchema: scopeInputSchema,
    annotations: readOnly,
    run: (mem, args) => mem.sleepScheduler.getTriggers(args),
  }),
  defineTool({
    name: 'set_sleep_triggers',
    title: 'Set sleep-cycle triggers',
    description:
      "Set when externalId's sleep cycle runs on its own: every intervalHours, after episodeQuota episodes or byteQuota bytes, or when a named event is emitted (events). " +
      'cycle sets the options those cycles use. Replaces the previous triggers.',
    inputSchema: registerSleepScopeSchema,
    annotations: additive,
    run: (mem, args) => mem.sleepScheduler.registerScope(args),
  }),
  defineTool({
    name: 'delete_sleep_triggers',
    title: 'Delete sleep-cycle triggers',
    description: "Remove externalId's own sleep-cycle triggers so the defaults apply again. Fails when it has none of its own.",
    inputSchema: scopeInputSchema,
    annotations: destructive,
    run: async (mem, args) => {
      await mem.sleepScheduler.unregisterScope(args);
      return { deleted: true, externalId: args.externalId };
    },
  }),
  defineTool({
    name: 'queue_sleep_cycle',
    title: 'Queue a sleep cycle',
    description: "Queue a sleep cycle of externalId for the server's background worker and return at once (run_sleep_cycle runs one and waits).",
    inputSchema: triggerManualSchema,
    annotations: additive,
    run: async (mem, args) => ({ task: await mem.sleepScheduler.triggerManual(args) }),
  }),
  defineTool({
    name: 'emit_sleep_event',
    title: 'Emit a sleep-cycle event',
    description: "Tell agent-mem that a named event happened for externalId (e.g. session_end); queues a sleep cycle when its triggers list that event. task is null otherwise.",
    inputSchema: emitEventSchema,
    annotations: additive,
    run: async (mem, args) => ({ task: (await mem.sleepScheduler.emitEvent(args)) ?? null }),
  }),
];
