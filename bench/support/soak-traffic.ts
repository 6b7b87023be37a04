/**
 * The soak benchmark's traffic: workers that each own a few agents and send them a mix of REST
 * requests (episode adds, searches, section updates, consolidations, sleep cycles) until told to
 * stop, recording every latency and error per minute and every acknowledged write.
 */
import { percentile } from './metrics.js';
import type { ApiClient } from '../../test/support/http.js';

export const OPERATIONS = ['add', 'search', 'update', 'consolidate', 'sleep'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Share of requests per operation (consolidation and sleep cycles are heavy, so rarer). */
const MIX: Record<Operation, number> = { add: 0.45, search: 0.35, update: 0.14, consolidate: 0.03, sleep: 0.03 };
const SECTIONS = ['profile', 'plans', 'notes'];
const topics = ['green tea', 'hiking in the Alps', 'the Kyoto trip', 'learning Rust', 'a jazz concert', 'the new apartment', 'marathon training'];
const verbs = ['likes', 'talked about', 'plans', 'worries about', 'asked about'];

export interface MinuteStats {
  minute: number;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rssMb: number;
}

/** What the server acknowledged: episode ids, and the last content of each section. */
export interface Acknowledged {
  episodes: Array<{ externalId: string; id: string }>;
  sections: Map<string, { externalId: string; memoryId: string; sectionId: string; content: string }>;
}

export class SoakTraffic {
  private latencies: number[] = [];
  private errors = 0;
  readonly errorSamples: string[] = [];
  readonly perOperation = new Map<Operation, number[]>(OPERATIONS.map((op) => [op, []]));
  readonly acknowledged: Acknowledged = { episodes: [], sections: new Map() };
  private running = true;
  private counter = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly memories: Map<string, string>,
  ) {}

  /** Creates an active memory per agent. */
  static async prepare(api: ApiClient, agents: number): Promise<Map<string, string>> {
    const memories = new Map<string, string>();
    for (let a = 0; a < agents; a++) {
      const externalId = `agent-${a}`;
      const created = await api('POST', `/v1/scopes/${externalId}/active-memories`, { title: `Agent ${a}`, template: { sections: SECTIONS.map((id) => ({ id })) } });
      if (created.status !== 201 && created.status !== 200) throw new Error(`creating a memory: ${created.status} ${created.text}`);
      memories.set(externalId, created.body.id);
    }
    return memories;
  }

  /** Runs `workers` loops, worker w owning the agents a with a % workers == w, until stop(). */
  run(workers: number): Promise<void> {
    const agents = [...this.memories.keys()];
    return Promise.all(Array.from({ length: workers }, (_, w) => this.loop(agents.filter((_, a) => a % workers === w)))).then(() => {});
  }

  stop(): void {
    this.running = false;
  }

  /** The minute's numbers; starts the next minute. */
  closeMinute(minute: number, rssMb: number): MinuteStats {
    const l = this.latencies;
    const round = (ms: number) => Math.round(ms * 10) / 10;
    const stats = { minute, requests: l.length, errors: this.errors, p50: round(percentile(l, 50)), p95: round(percentile(l, 95)), p99: round(percentile(l, 99)), rssMb };
    this.latencies = [];
    this.errors = 0;
    return stats;
  }

  private async loop(agents: string[]): Promise<void> {
    while (this.running) {
      const externalId = agents[this.counter % agents.length]!;
      await this.request(pick(Math.random()), externalId, this.counter++);
    }
  }

  private async request(operation: Operation, externalId: string, n: number): Promise<void> {
    const memoryId = this.memories.get(externalId)!;
    const sentence = `The user ${verbs[n % verbs.length]} ${topics[(n * 7) % topics.length]} (note ${n}).`;
    const started = performance.now();
    let response;
    try {
      response = await this.send(operation, externalId, memoryId, sentence, n);
    } catch (error) {
      response = { status: 0, text: String(error), body: undefined };
    }
    const ms = performance.now() - started;
    this.latencies.push(ms);
    this.perOperation.get(operation)!.push(ms);
    if (response.status < 200 || response.status >= 300) {
      this.errors++;
      if (this.errorSamples.length < 20) this.errorSamples.push(`${operation}: ${response.status} ${response.text.slice(0, 200)}`);
      return;
    }
    if (operation === 'add') this.acknowledged.episodes.push({ externalId, id: response.body.id });
    if (operation === 'update') {
      const sectionId = SECTIONS[n % SECTIONS.length]!;
      this.acknowledged.sections.set(`${externalId}/${sectionId}`, { externalId, memoryId, sectionId, content: sentence });
    }
  }

  private send(operation: Operation, externalId: string, memoryId: string, sentence: string, n: number) {
    const scope = `/v1/scopes/${externalId}`;
    switch (operation) {
      case 'add':
        return this.api('POST', `${scope}/episodes`, { text: sentence, importance: 0.8 });
      case 'search':
        return this.api('POST', `${scope}/search`, { query: `what does the user think about ${topics[n % topics.length]}?`, limit: 10 });
      case 'update':
        return this.api('PATCH', `${scope}/active-memories/${memoryId}/sections`, { sections: [{ sectionId: SECTIONS[n % SECTIONS.length]!, newContent: sentence }] });
      case 'consolidate':
        return this.api('POST', `${scope}/active-memories/${memoryId}/consolidate`, {});
      case 'sleep':
        return this.api('POST', `${scope}/sleep`, { minClusterSize: 2 });
    }
  }
}

function pick(random: number): Operation {
  let sum = 0;
  for (const op of OPERATIONS) {
    sum += MIX[op];
    if (random < sum) return op;
  }
  return 'add';
}

/** Acknowledged writes the server no longer returns. */
export async function missingWrites(api: ApiClient, acknowledged: Acknowledged): Promise<string[]> {
  const missing: string[] = [];
  for (const { externalId, id } of acknowledged.episodes) {
    if ((await api('GET', `/v1/scopes/${externalId}/episodes/${id}`)).status !== 200) missing.push(`episode ${id}`);
  }
  const memories = new Map<string, { sections: Array<{ id: string; content: string }> }>();
  for (const { externalId, memoryId, sectionId, content } of acknowledged.sections.values()) {
    if (!memories.has(memoryId)) memories.set(memoryId, (await api('GET', `/v1/scopes/${externalId}/active-memories/${memoryId}`)).body);
    if (memories.get(memoryId)?.sections.find((s) => s.id === sectionId)?.content !== content) missing.push(`section ${externalId}/${sectionId}`);
  }
  return missing;
}

/** The server's resident set size, from its Prometheus metrics. */
export async function serverRssMb(api: ApiClient): Promise<number> {
  const { text } = await api('GET', '/metrics');
  const bytes = Number(text.match(/^agent_mem_process_resident_memory_bytes (\S+)$/m)?.[1]);
  return Math.round(bytes / 2 ** 20);
}
