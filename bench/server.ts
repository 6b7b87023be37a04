/**
 * The HTTP server under load: autocannon on loopback against a real `agent-mem serve` process,
 * for hybrid search and batch section updates. Prints requests/s and latency percentiles, writes
 * bench/results/server-<store>.json.
 *
 *   npm run bench:server [-- --duration=10 --connections=10 --episodes=500 --database-url=postgres://...]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { flag, markdownTable, writeResults } from './support/report.js';

const argv = process.argv.slice(2);
const duration = Number(flag(argv, 'duration') ?? 10);
const connections = Number(flag(argv, 'connections') ?? 10);
const episodes = Number(flag(argv, 'episodes') ?? 500);
const databaseUrl = flag(argv, 'database-url');
const API_KEY = 'bench-key';
const EXTERNAL_ID = 'bench-agent';

const topics = ['a ryokan in Kyoto', 'green tea', 'the quarterly report', 'a flight to Lisbon', 'the billing service', 'a vegan restaurant', 'the VPN', 'Alice from Acme'];
const verbs = ['booked', 'asked about', 'cancelled', 'reviewed', 'recommended', 'complained about'];
const sentence = (i: number) => `The user ${verbs[i % verbs.length]} ${topics[(i * 7) % topics.length]} (note ${i}).`;

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AGENT_MEM_API_KEYS: `${API_KEY}:bench`,
    AGENT_MEM_LOG_LEVEL: 'warn',
    // Measures the update path itself; background consolidation is measured by bench:consolidation.
    AVG_SECTION_UPDATE_COUNT: '1000000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { AGENT_MEM_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mem-bench-server-')) }),
  };
  if (!databaseUrl) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, url };
}

async function call(url: string, method: string, route: string, body?: unknown): Promise<any> {
  const response = await fetch(url + route, { method, headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

interface LoadResult {
  operation: string;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
}

/** Drives one request shape for `duration` seconds; p95 comes from every response time (autocannon reports p97.5, not p95). */
async function load(operation: string, options: { url: string; method: 'POST' | 'PATCH'; body: (i: number) => string }): Promise<LoadResult> {
  const times: number[] = [];
  let counter = 0;
  process.stderr.write(`${operation}: ${connections} connections for ${duration}s…\n`);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections,
        duration,
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        requests: [{ method: options.method, setupRequest: (request) => ({ ...request, body: options.body(counter++) }) }],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
    autocannon.track(instance, { renderProgressBar: process.stderr.isTTY, renderResultsTable: false, renderLatencyTable: false });
  });
  times.sort((a, b) => a - b);
  return {
    operation,
    connections,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    p99Ms: percentile(times, 99),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const server = await startServer();
try {
  const scope = `${server.url}/v1/scopes/${EXTERNAL_ID}`;
  process.stderr.write(`seeding ${episodes} episodes…\n`);
  for (let i = 0; i < episodes; i += 100) {
    await call(server.url, 'POST', `/v1/scopes/${EXTERNAL_ID}/episodes/batch`, { episodes: Array.from({ length: Math.min(100, episodes - i) }, (_, j) => ({ text: sentence(i + j) })) });
  }
  const sections = ['goals', 'facts', 'plan', 'people', 'notes'];
  const memory = await call(server.url, 'POST', `/v1/scopes/${EXTERNAL_ID}/active-memories`, { title: 'Bench', template: { sections: sections.map((id) => ({ id })) } });

  const results = [
    await load('search (POST /search, limit 10)', { url: `${scope}/search`, method: 'POST', body: (i) => JSON.stringify({ query: topics[i % topics.length], limit: 10 }) }),
    await load('batch update (PATCH /sections, 2 sections)', {
      url: `${scope}/active-memories/${memory.id}/sections`,
      method: 'PATCH',
      body: (i) => JSON.stringify({ sections: [{ sectionId: 'notes', newContent: sentence(i) }, { sectionId: 'plan', newContent: sentence(i + 1) }] }),
    }),
  ];
  const store = databaseUrl ? 'postgres' : 'sqlite';
  console.log(`\nagent-mem server on ${store}, ${episodes} episodes, ${os.cpus().length} CPUs, autocannon on loopback\n`);
  console.log(markdownTable(
    ['operation', 'connections', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'errors'],
    results.map((r) => [r.operation, r.connections, r.requests, r.requestsPerSecond, r.p50Ms, r.p95Ms, r.p99Ms, r.non2xx, r.errors]),
  ));
  console.log(`\nwrote ${writeResults(`server-${store}`, { store, episodes, duration, cpus: os.cpus().length, results })}`);
} finally {
  server.child.kill('SIGTERM');
}
