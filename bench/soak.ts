/**
 * Soak benchmark: one real server process per store (SQLite; PostgreSQL on DATABASE_URL's server,
 * else a throwaway cluster) under mixed REST traffic (episode adds, searches, section updates,
 * consolidations, sleep cycles) from a few concurrent clients for `--minutes` each. Per minute:
 * requests, errors (must be 0), latency p50/p95/p99 and the server's RSS; at the end every
 * acknowledged write must be found. Prints Markdown tables and writes bench/results/soak.json.
 *
 *   npm run bench:soak [-- --minutes=10 --stores=sqlite,postgres --clients=4 --agents=16]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { apiClient } from '../test/support/http.js';
import { startCluster, type Cluster } from '../test/support/postgres-cluster.js';
import { startServerProcess } from '../test/support/server.js';
import { tempDir } from '../test/support/stores.js';
import { createDatabase } from './support/load.js';
import { percentile } from './support/metrics.js';
import { flag, markdownTable, writeResults } from './support/report.js';
import { missingWrites, OPERATIONS, serverRssMb, SoakTraffic, type MinuteStats } from './support/soak-traffic.js';

type StoreName = 'sqlite' | 'postgres';

interface StoreResult {
  store: StoreName;
  minutes: MinuteStats[];
  perOperation: Record<string, { requests: number; p50: number; p95: number; p99: number }>;
  acknowledgedEpisodes: number;
  acknowledgedSections: number;
  missing: string[];
  errorSamples: string[];
  /** RSS growth from minute 2 (after warm-up) to the last minute, in percent. */
  rssGrowthPercent: number;
}

async function soak(store: StoreName, env: NodeJS.ProcessEnv, options: { minutes: number; clients: number; agents: number }): Promise<StoreResult> {
  const server = await startServerProcess(env);
  try {
    const api = apiClient(server.url);
    const traffic = new SoakTraffic(api, await SoakTraffic.prepare(api, options.agents));
    const running = traffic.run(options.clients);
    const minutes: MinuteStats[] = [];
    for (let minute = 1; minute <= options.minutes; minute++) {
      await sleep(60_000);
      minutes.push(traffic.closeMinute(minute, await serverRssMb(api)));
      const m = minutes.at(-1)!;
      process.stderr.write(`${store} minute ${minute}: ${m.requests} requests, ${m.errors} errors, p50 ${m.p50} ms, p99 ${m.p99} ms, RSS ${m.rssMb} MB\n`);
    }
    traffic.stop();
    await running;
    const missing = await missingWrites(api, traffic.acknowledged);
    const afterWarmUp = minutes[Math.min(1, minutes.length - 1)]!.rssMb;
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      store,
      minutes,
      perOperation: Object.fromEntries(
        OPERATIONS.map((op) => {
          const l = traffic.perOperation.get(op)!;
          return [op, { requests: l.length, p50: round(percentile(l, 50)), p95: round(percentile(l, 95)), p99: round(percentile(l, 99)) }];
        }),
      ),
      acknowledgedEpisodes: traffic.acknowledged.episodes.length,
      acknowledgedSections: traffic.acknowledged.sections.size,
      missing,
      errorSamples: traffic.errorSamples,
      rssGrowthPercent: Math.round(((minutes.at(-1)!.rssMb - afterWarmUp) / afterWarmUp) * 1000) / 10,
    };
  } finally {
    await server.stop();
  }
}

async function main(argv: string[]): Promise<void> {
  const options = { minutes: Number(flag(argv, 'minutes') ?? 10), clients: Number(flag(argv, 'clients') ?? 4), agents: Number(flag(argv, 'agents') ?? 16) };
  const stores = (flag(argv, 'stores') ?? 'sqlite,postgres').split(',') as StoreName[];
  let cluster: Cluster | undefined;
  const results: StoreResult[] = [];
  try {
    for (const store of stores) {
      let env: NodeJS.ProcessEnv;
      if (store === 'sqlite') env = { AGENT_MEM_DIR: tempDir('agent-mem-soak-') };
      else {
        const serverUrl = process.env.DATABASE_URL ?? (cluster ??= await startCluster()).url;
        env = { DATABASE_URL: await createDatabase(serverUrl, `soak_${Date.now()}`) };
      }
      results.push(await soak(store, env, options));
    }
  } finally {
    cluster?.stop();
  }

  console.log(`\nSoak: ${options.minutes} min per store, ${options.clients} concurrent clients over ${options.agents} agents, one server process per store\n`);
  console.log(markdownTable(['store', 'minute', 'requests', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'server RSS MB'], results.flatMap((r) => r.minutes.map((m) => [r.store, m.minute, m.requests, m.errors, Math.round(m.p50), Math.round(m.p95), Math.round(m.p99), m.rssMb]))));
  console.log();
  console.log(markdownTable(['store', 'operation', 'requests', 'p50 ms', 'p95 ms', 'p99 ms'], results.flatMap((r) => Object.entries(r.perOperation).map(([op, s]) => [r.store, op, s.requests, Math.round(s.p50), Math.round(s.p95), Math.round(s.p99)]))));
  console.log();
  console.log(
    markdownTable(
      ['store', 'errors', 'episodes acknowledged', 'sections acknowledged', 'missing at the end', 'RSS growth from minute 2 to the end'],
      results.map((r) => [r.store, r.minutes.reduce((sum, m) => sum + m.errors, 0), r.acknowledgedEpisodes, r.acknowledgedSections, r.missing.length, `${r.rssGrowthPercent} %`]),
    ),
  );
  for (const r of results) for (const sample of r.errorSamples) console.log(`${r.store} error: ${sample}`);
  console.log(`\nwrote ${writeResults('soak', { options, results })}`);
  const failed = results.some((r) => r.missing.length > 0 || r.minutes.some((m) => m.errors > 0));
  if (failed) process.exitCode = 1;
}

await main(process.argv.slice(2));
