import { performance } from 'node:perf_hooks';

/** How long a measurement of the event loop's load lasts before it is taken again. */
const WINDOW_MS = 250;

/**
 * The calling thread's event loop's recent share of one core (0 idle … 1 never idle), measured
 * over the last window of at least WINDOW_MS, read without a timer of its own.
 */
export class LoopLoad {
  private mark = performance.eventLoopUtilization();
  private markedAt = performance.now();
  private last = 1;

  current(): number {
    const now = performance.now();
    if (now - this.markedAt >= WINDOW_MS) {
      const next = performance.eventLoopUtilization();
      this.last = performance.eventLoopUtilization(next, this.mark).utilization;
      this.mark = next;
      this.markedAt = now;
    }
    return this.last;
  }
}
