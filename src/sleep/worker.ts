import type { Logger } from '../logger.js';
import type { SleepReport } from './report.js';
import type { SleepScheduler, SleepTask } from './scheduler.js';

export interface StoppableService {
  /** Stops taking work and resolves once the task in progress, if any, has finished. */
  stop(): Promise<void>;
}

/** Runs queued sleep tasks one at a time until stopped; waits for the scheduler when the queue is empty. */
export function startSleepWorker(deps: { scheduler: SleepScheduler; runTask: (task: SleepTask) => Promise<SleepReport>; logger: Logger }): StoppableService {
  let stopped = false;
  let wake: (() => void) | undefined;
  const unsubscribe = deps.scheduler.onEnqueue(() => wake?.());
  const loop = (async () => {
    while (!stopped) {
      const task = deps.scheduler.next();
      if (!task) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      try {
        const report = await deps.runTask(task);
        deps.logger.info({ ...task.scope, trigger: task.trigger, status: report.status, factsCreated: report.factsCreated, factsUpdated: report.factsUpdated }, 'sleep cycle finished');
      } catch (error) {
        deps.logger.error({ err: error, ...task.scope, trigger: task.trigger }, 'sleep task failed');
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      unsubscribe();
      wake?.();
      await loop;
    },
  };
}
