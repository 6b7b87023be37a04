import type { AgentMem } from '../agent-mem.js';
import type { StoppableService } from './worker.js';

/**
 * Starts the background sleep service of a server process: a worker, and a check of every scope's
 * triggers every `intervalHours` (default `config.sleepCheckIntervalHours`, 6 h). Stop it before closing `mem`.
 */
export function startSleepService(mem: AgentMem, options: { intervalHours?: number } = {}): StoppableService & { checkNow(): Promise<void> } {
  return mem.startSleepService(options);
}
