/**
 * Query latency at scale: one agent holding `--episodes=N` (default 10,000) LoCoMo turns (the ten
 * conversations one after another, again a year later until N is reached), then every LoCoMo
 * question asked of it through hybrid retrieval, query embedding included. Prints p50/p95/p99 and
 * ingest throughput; writes bench/results/latency.json.
 *
 *   npm run bench:latency [-- --episodes=N --data-dir=DIR --reuse]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EpisodeInput } from '../src/model/schemas/episode.js';
import { conversationEpisodes, LOCOMO_PATH, type LocomoSample } from './locomo.js';
import { openBenchEngines } from './support/bench-engines.js';
import { addInCalls } from './support/ingest.js';
import { percentile } from './support/metrics.js';
import { flag, markdownTable, writeResults } from './support/report.js';

const EXTERNAL_ID = 'latency-agent';
const YEAR_MS = 365 * 86_400_000;

/** `count` episodes: the conversations' turns in order, each further round shifted a year on. */
export function scaledEpisodes(samples: readonly LocomoSample[], count: number): EpisodeInput[] {
  const turns = samples.flatMap(conversationEpisodes);
  return Array.from({ length: count }, (_, i) => {
    const turn = turns[i % turns.length]!;
    const round = Math.floor(i / turns.length);
    return { ...turn, occurredAt: new Date(Date.parse(turn.occurredAt!) + round * YEAR_MS).toISOString() };
  });
}

async function main(argv: string[]): Promise<void> {
  const samples = JSON.parse(fs.readFileSync(flag(argv, 'data') ?? LOCOMO_PATH, 'utf8')) as LocomoSample[];
  const count = Number(flag(argv, 'episodes') ?? 10_000);
  const dataDir = flag(argv, 'data-dir') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mem-latency-'));
  const bench = await openBenchEngines({ dataDir });
  const scope = { tenantId: bench.deps.tenantId, externalId: EXTERNAL_ID };
  let ingest: { seconds: number; episodesPerSecond: number } | null = null;
  if (!(argv.includes('--reuse') && (await bench.deps.store.episodes.statsSince(scope)).count >= count)) {
    const started = performance.now();
    await addInCalls(bench.episodes, EXTERNAL_ID, scaledEpisodes(samples, count));
    const seconds = (performance.now() - started) / 1000;
    ingest = { seconds, episodesPerSecond: count / seconds };
  }
  const questions = samples.flatMap((s) => s.qa.filter((q) => q.category !== 5).map((q) => q.question));
  const latencies: number[] = [];
  for (const question of questions) {
    const started = performance.now();
    await bench.retrieval.retrieve({ externalId: EXTERNAL_ID, query: question, limit: 10 });
    latencies.push(performance.now() - started);
  }
  await bench.close();
  const report = {
    benchmark: 'latency',
    store: 'sqlite',
    episodes: count,
    queries: questions.length,
    ingest,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) },
  };
  console.log(
    markdownTable(
      ['episodes per agent', 'queries', 'p50 ms', 'p95 ms', 'p99 ms'],
      [[count, questions.length, report.latencyMs.p50.toFixed(1), report.latencyMs.p95.toFixed(1), report.latencyMs.p99.toFixed(1)]],
    ),
  );
  if (ingest) console.log(`\ningest: ${count} episodes, ${ingest.episodesPerSecond.toFixed(1)} episodes/s`);
  if (!argv.includes('--no-write')) console.log(`results: ${writeResults('latency', { ...report, date: new Date().toISOString() })}`);
}

if (process.argv[1] === import.meta.filename) await main(process.argv.slice(2));
