import type { Logger } from '../logger.js';
import type { BackgroundWork } from '../runtime/background-work.js';
import type { RunLifecycle } from '../runtime/run-lifecycle.js';
import type { SleepScheduler } from './scheduler.js';

export interface StoppableService {
  /** Stops taking work and resolves once what this process is running has finished. */
  stop(): Promise<void>;
}

export interface BackgroundService extends StoppableService {
  /** Checks every scope's scheduled and quota triggers now (queuing what is due). */
  checkNow(): Promise<void>;
}

/**
 * A process's background worker: every `pollMs` it records runs whose process died as abandoned
 * (their lock lapsed) and takes due work from the store (pending consolidations, queued sleep
 * cycles: any process's); every `checkIntervalMs` it queues the scopes whose scheduled or quota
 * trigger is due. Work queued in this process wakes it at once.
 */
export function startBackgroundService(deps: {
  work: BackgroundWork;
  lifecycle: RunLifecycle;
  scheduler: SleepScheduler;
  pollMs: number;
  checkIntervalMs: number;
  logger: Logger;
}): BackgroundService {
  const { work, logger } = deps;
  const removeWorker = work.addWorker();
  let stopped = false;
  let polling: Promise<void> = Promise.resolve();
  let checking: Promise<void> = Promise.resolve();
  const poll = () => {
    polling = polling
      .then(async () => {
        if (stopped) return;
        const abandoned = await deps.lifecycle.sweepAbandoned();
        if (abandoned) logger.warn({ abandoned }, 'took over the work of runs whose process died');
        work.kick();
      })
      .catch((error: unknown) => logger.error({ err: error }, 'background poll failed'));
  };
  const checkNow = () => {
    checking = checking
      .then(async () => {
        const queued = await deps.scheduler.checkTriggers();
        if (queued.length) logger.info({ queued: queued.length }, 'sleep triggers fired');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'sleep trigger check failed'));
    return checking;
  };
  const pollTimer = setInterval(poll, deps.pollMs);
  // setInterval's longest delay is 2^31 − 1 ms (24.8 days).
  const checkTimer = setInterval(() => void checkNow(), Math.min(deps.checkIntervalMs, 2 ** 31 - 1));
  pollTimer.unref();
  checkTimer.unref();
  poll();
  void checkNow();
  return {
    checkNow,
    async stop() {
      stopped = true;
      clearInterval(pollTimer);
      clearInterval(checkTimer);
      await Promise.all([polling, checking]);
      removeWorker();
      await work.whenIdle();
    },
  };
}
