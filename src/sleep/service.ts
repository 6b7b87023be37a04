import type { Logger } from '../logger.js';
import type { Store } from '../store/port.js';
import { DEFAULT_SLEEP_TRIGGERS, type SleepScheduler } from './scheduler.js';
import type { StoppableService } from './worker.js';

/**
 * The server's background sleep service: every `intervalMs` it registers each scope found in the
 * store (all tenants) with the default triggers unless it is registered already, then checks every
 * scope's triggers. The worker it starts runs what gets queued.
 */
export function startSleepTriggerService(deps: {
  store: Store;
  scheduler: SleepScheduler;
  startWorker: () => StoppableService;
  intervalMs: number;
  logger: Logger;
}): StoppableService & { checkNow(): Promise<void> } {
  const worker = deps.startWorker();
  let checking: Promise<void> = Promise.resolve();
  const check = async () => {
    for (const scope of await deps.store.scopes.listAll()) {
      if (!deps.scheduler.isRegistered(scope)) deps.scheduler.registerScope(scope, DEFAULT_SLEEP_TRIGGERS);
    }
    const queued = await deps.scheduler.checkTriggers();
    if (queued.length) deps.logger.info({ queued: queued.length }, 'sleep triggers fired');
  };
  const checkNow = () => {
    checking = checking.then(check).catch((error: unknown) => deps.logger.error({ err: error }, 'sleep trigger check failed'));
    return checking;
  };
  const timer = setInterval(() => void checkNow(), deps.intervalMs);
  timer.unref();
  void checkNow();
  return {
    checkNow,
    async stop() {
      clearInterval(timer);
      await checking;
      await worker.stop();
    },
  };
}
