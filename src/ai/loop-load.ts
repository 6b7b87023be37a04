import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** How long a measurement of the event loop's load lasts before it is taken again. */
const WINDOW_MS = 250;

/**
 * The calling thread's event loop's recent share of one core (0 idle … 1 never idle), measured
 * over the last window of at least WINDOW_MS, read without a timer of its own.
 */
export class LoopLoad {
  private mark: EventLoopUtilization = performance.eventLoopUtilization();
  private last = 1;

  current(): number {
    const now = performance.eventLoopUtilization();
    const window = performance.eventLoopUtilization(now, this.mark);
    if (window.idle + window.active >= WINDOW_MS) {
      this.last = window.utilization;
      this.mark = now;
    }
    return this.last;
  }
}
