import type { AgentMem } from '../agent-mem.js';
import type { BackgroundService } from './service.js';

/**
 * Starts the background worker of a process (a server runs one): it takes due work from the store
 * (pending consolidations, queued sleep cycles) every `config.backgroundPollMs`, takes over the
 * runs of processes that died, and checks every scope's triggers every `intervalHours` (default
 * `config.sleepCheckIntervalHours`, 6 h). Stop it before closing `mem`.
 */
export function startSleepService(mem: AgentMem, options: { intervalHours?: number } = {}): BackgroundService {
  return mem.startSleepService(options);
}
