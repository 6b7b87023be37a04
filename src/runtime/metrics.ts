import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { embeddedTexts } from '../ai/embed-dispatcher.js';
import type { Store } from '../store/port.js';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const RUN_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/**
 * The Prometheus metrics of one AgentMem (shared by its tenant views), every one named
 * `agent_mem_…`: what this process measures itself (requests, runs, embedding), and what it reads
 * from the store when scraped (queued work, the PostgreSQL pool).
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'agent_mem_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'agent_mem_http_request_duration_seconds',
    help: 'HTTP request latency, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly runs = new Counter({
    name: 'agent_mem_background_runs_total',
    help: 'Consolidation, promotion and sleep-cycle runs this process recorded, by kind and final status (abandoned: found dead and taken over)',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });
  readonly runDuration = new Histogram({
    name: 'agent_mem_background_run_duration_seconds',
    help: 'Duration of the runs this process finished, by kind',
    labelNames: ['kind'] as const,
    buckets: RUN_SECONDS,
    registers: [this.registry],
  });
  readonly runsInProgress = new Gauge({
    name: 'agent_mem_background_runs_in_progress',
    help: 'Runs this process is running now, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly embedDuration = new Histogram({
    name: 'agent_mem_embedding_duration_seconds',
    help: 'Time of one embed call (one or many texts), by embedder',
    labelNames: ['embedder'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly embeddedTexts = new Counter({
    name: 'agent_mem_embedded_texts_total',
    help: 'Texts embedded, by embedder',
    labelNames: ['embedder'] as const,
    registers: [this.registry],
  });

  constructor(store: Store) {
    const registers = [this.registry];
    const counted = { calling: 0, worker: 0 };
    new Counter({
      name: 'agent_mem_embedded_texts_by_thread_total',
      help: 'Texts the bundled local model embedded in this process, by thread: calling (the event loop) or worker',
      labelNames: ['thread'] as const,
      registers,
      collect() {
        for (const thread of ['calling', 'worker'] as const) {
          this.inc({ thread }, embeddedTexts[thread] - counted[thread]);
          counted[thread] = embeddedTexts[thread];
        }
      },
    });
    new Gauge({
      name: 'agent_mem_queued_work',
      help: 'Background work waiting in the store for any worker (every tenant): consolidations, and sleep cycles queued or being run',
      labelNames: ['kind'] as const,
      registers,
      async collect() {
        // A store that does not answer leaves the last values; the scrape itself still answers.
        const counts = await Promise.all([store.pendingConsolidations.count(), store.sleepQueue.count()]).catch(() => undefined);
        if (!counts) return;
        const [consolidations, sleep] = counts;
        this.set({ kind: 'consolidation' }, consolidations);
        this.set({ kind: 'sleep_queued' }, sleep.queued);
        this.set({ kind: 'sleep_claimed' }, sleep.claimed);
      },
    });
    if (store.kind !== 'sqlite') {
      new Gauge({
        name: 'agent_mem_pg_pool_connections',
        help: 'PostgreSQL pool: its size, connections open, idle, and callers waiting for one',
        labelNames: ['state'] as const,
        registers,
        async collect() {
          const pool = (await store.status().catch(() => undefined))?.pool;
          if (!pool) return;
          for (const state of ['size', 'total', 'idle', 'waiting'] as const) this.set({ state }, pool[state]);
          this.set({ state: 'in_use' }, pool.total - pool.idle);
        },
      });
    }
  }

  /** Adds the process's own metrics (CPU, memory, event loop, GC), once per registry. */
  collectProcessMetrics(): void {
    if (this.registry.getSingleMetric('agent_mem_process_cpu_seconds_total')) return;
    collectDefaultMetrics({ register: this.registry, prefix: 'agent_mem_' });
  }
}
