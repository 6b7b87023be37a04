/**
 * The HTTP server under load: autocannon on loopback against real `agent-mem serve` processes, for
 * hybrid search (`search`: distinct LoCoMo questions), adding one episode (`add`: distinct LoCoMo
 * turns) and batch updates of two sections (`update`), at 1, 10 and 50 connections, on SQLite and on PostgreSQL with pgvector (a
 * throwaway cluster, or the server of --database-url). With --compare=<git-ref> the server of that
 * ref, checked out in a temporary git worktree, runs beside this tree's, each on its own copy of
 * the same data, and the two are measured in alternating runs (A B B A…) so that a machine's
 * changing load falls on both. Prints tables and writes bench/results/server.json.
 *
 *   npm run bench:server [-- --compare=main --stores=sqlite,postgres --operations=search,add,update --connections=1,10,50 --duration=10 --rounds=2 --episodes=1000 --database-url=postgres://…/postgres]
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { startCluster } from '../test/support/postgres-cluster.js';
import { loadCorpus } from './support/corpus.js';
import { createDatabase } from './support/load.js';
import { percentile } from './support/metrics.js';
import { flag, markdownTable, writeResults } from './support/report.js';
import { currentSource, sourceAt, startServer, type RunningServer, type ServerSource } from './support/server-under-test.js';

const argv = process.argv.slice(2);
const compare = flag(argv, 'compare');
const stores = (flag(argv, 'stores') ?? 'sqlite,postgres').split(',');
const connectionCounts = (flag(argv, 'connections') ?? '1,10,50').split(',').map(Number);
/** Seconds each version is measured per operation and connection count, split over the rounds. */
const duration = Number(flag(argv, 'duration') ?? 10);
const rounds = Number(flag(argv, 'rounds') ?? 2);
const episodes = Number(flag(argv, 'episodes') ?? 1000);
const databaseUrl = flag(argv, 'database-url');
const API_KEY = 'bench-key';
const SCOPE = '/v1/scopes/bench-agent';
/** With AVG_SECTION_UPDATE_COUNT at its most (1000), consolidation starts after 10,000 section updates: not during the benchmark. */
const SECTIONS = ['goals', 'facts', 'plan', 'people', 'notes', 'places', 'dates', 'tasks', 'tastes', 'misc'];

const corpus = loadCorpus();
const additions = corpus.texts.slice(episodes);

interface Operation {
  name: string;
  method: 'POST' | 'PATCH';
  path(memoryId: string): string;
  /** The i-th request's body; requests of a run are distinct. */
  body(i: number): string;
}

const ALL_OPERATIONS: Operation[] = [
  { name: 'search', method: 'POST', path: () => `${SCOPE}/search`, body: (i) => JSON.stringify({ query: corpus.questions[i % corpus.questions.length], limit: 10 }) },
  { name: 'add', method: 'POST', path: () => `${SCOPE}/episodes`, body: (i) => JSON.stringify({ text: additions[i % additions.length] }) },
  {
    name: 'update',
    method: 'PATCH',
    path: (memoryId) => `${SCOPE}/active-memories/${memoryId}/sections`,
    body: (i) => JSON.stringify({ sections: [{ sectionId: 'notes', newContent: additions[i % additions.length] }, { sectionId: 'plan', newContent: additions[(i + 1) % additions.length] }] }),
  },
];

const chosen = (flag(argv, 'operations') ?? 'search,add,update').split(',');
const OPERATIONS = ALL_OPERATIONS.filter((o) => chosen.includes(o.name));

interface Sample {
  requests: number;
  seconds: number;
  times: number[];
  non2xx: number;
  errors: number;
}

interface Row {
  store: string;
  operation: string;
  connections: number;
  version: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

interface Target {
  source: ServerSource;
  server: RunningServer;
  memoryId: string;
  samples: Map<string, Sample>;
}

async function call(url: string, method: string, route: string, body: unknown): Promise<any> {
  const response = await fetch(url + route, { method, headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A server of `source` on a fresh store, seeded with `episodes` LoCoMo turns and one active memory, warmed up. */
async function prepare(source: ServerSource, store: string, clusterUrl: string | undefined): Promise<Target> {
  const location = store === 'sqlite' ? { AGENT_MEM_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mem-bench-server-')) } : { DATABASE_URL: await createDatabase(clusterUrl!, `bench_server_${Date.now()}`) };
  // Measures the request path; background consolidation is measured by bench:consolidation.
  const server = await startServer(source, { ...location, AGENT_MEM_API_KEYS: `${API_KEY}:bench`, AVG_SECTION_UPDATE_COUNT: '1000' });
  for (let i = 0; i < episodes; i += 100) {
    await call(server.url, 'POST', `${SCOPE}/episodes/batch`, { episodes: corpus.texts.slice(i, Math.min(episodes, i + 100)).map((text) => ({ text })) });
  }
  const memory = await call(server.url, 'POST', `${SCOPE}/active-memories`, { title: 'Bench', template: { sections: SECTIONS.map((id) => ({ id })) } });
  const warmUp = corpus.questions.slice(-40);
  for (const query of warmUp.slice(0, 20)) await call(server.url, 'POST', `${SCOPE}/search`, { query });
  await Promise.all(warmUp.slice(20).map((query) => call(server.url, 'POST', `${SCOPE}/search`, { query })));
  return { source, server, memoryId: memory.id, samples: new Map() };
}

/** One autocannon run; bodies start at `first` so that both versions get the same requests. */
async function run(target: Target, operation: Operation, connections: number, seconds: number, first: number): Promise<Sample> {
  const times: number[] = [];
  let next = first;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.server.url + operation.path(target.memoryId),
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        requests: [{ method: operation.method, setupRequest: (request) => ({ ...request, body: operation.body(next++) }) }],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  return { requests: result.requests.total, seconds: (performance.now() - started) / 1000, times, non2xx: result.non2xx, errors: result.errors };
}

function merge(into: Sample | undefined, sample: Sample): Sample {
  if (!into) return sample;
  return { requests: into.requests + sample.requests, seconds: into.seconds + sample.seconds, times: [...into.times, ...sample.times], non2xx: into.non2xx + sample.non2xx, errors: into.errors + sample.errors };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const loadNow = () => os.loadavg().map(round1);

async function main(): Promise<void> {
  const sources = [currentSource(), ...(compare ? [sourceAt(compare)] : [])];
  const cluster = stores.includes('postgres') && !databaseUrl ? await startCluster() : undefined;
  const clusterUrl = databaseUrl ?? cluster?.url;
  const loadBefore = loadNow();
  const rows: Row[] = [];
  try {
    for (const store of stores) {
      process.stderr.write(`${store}: starting and seeding ${sources.length} server(s) with ${episodes} episodes…\n`);
      const targets: Target[] = [];
      try {
        for (const source of sources) targets.push(await prepare(source, store, clusterUrl));
        let cell = 0;
        for (const connections of connectionCounts) {
          for (const operation of OPERATIONS) {
            for (let r = 0; r < rounds; r++) {
              const first = (cell++ * 997) % 100_000;
              const order = r % 2 === 0 ? targets : [...targets].reverse();
              for (const target of order) {
                process.stderr.write(`  ${operation.name}, ${connections} connections, ${target.source.label}, round ${r + 1}/${rounds}\n`);
                const key = `${operation.name}|${connections}`;
                target.samples.set(key, merge(target.samples.get(key), await run(target, operation, connections, duration / rounds, first)));
              }
            }
            for (const target of targets) {
              const s = target.samples.get(`${operation.name}|${connections}`)!;
              rows.push({
                store,
                operation: operation.name,
                connections,
                version: target.source.label,
                requests: s.requests,
                requestsPerSecond: round1(s.requests / s.seconds),
                p50Ms: percentile(s.times, 50),
                p95Ms: percentile(s.times, 95),
                p99Ms: percentile(s.times, 99),
                non2xx: s.non2xx,
                errors: s.errors,
              });
            }
          }
        }
      } finally {
        // Before the cluster stops: a server answers the requests it still holds as it exits.
        await Promise.all(targets.map((target) => target.server.stop()));
      }
    }
  } finally {
    cluster?.stop();
    for (const source of sources) source.remove();
  }
  const loadAfter = loadNow();
  console.log(`\nagent-mem server, ${episodes} seeded episodes, ${os.availableParallelism()} CPUs, autocannon on loopback, ${duration} s per cell and version in ${rounds} alternating runs`);
  console.log(`load average (1/5/15 min): ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after\n`);
  console.log(
    markdownTable(
      ['store', 'operation', 'connections', 'version', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'errors'],
      rows.map((r) => [r.store, r.operation, r.connections, r.version, r.requestsPerSecond, r.p50Ms, r.p95Ms, r.p99Ms, r.non2xx, r.errors]),
    ),
  );
  if (sources.length === 2) {
    const ratios = rows
      .filter((r) => r.version === sources[0]!.label)
      .map((mine) => {
        const theirs = rows.find((r) => r.store === mine.store && r.operation === mine.operation && r.connections === mine.connections && r.version === sources[1]!.label)!;
        return [mine.store, mine.operation, mine.connections, theirs.requestsPerSecond, mine.requestsPerSecond, `${(mine.requestsPerSecond / theirs.requestsPerSecond).toFixed(2)}×`];
      });
    console.log(`\n${markdownTable(['store', 'operation', 'connections', `req/s ${sources[1]!.label}`, `req/s ${sources[0]!.label}`, 'ratio'], ratios)}`);
  }
  const file = writeResults('server', { benchmark: 'server', date: new Date().toISOString(), machine: { cpus: os.availableParallelism(), node: process.version, loadBefore, loadAfter }, episodes, duration, rounds, versions: sources.map((s) => s.label), rows });
  console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
}

await main();
