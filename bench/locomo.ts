/**
 * LoCoMo retrieval benchmark: every turn becomes an episode; for each question with evidence
 * (category 5, adversarial, skipped) report recall@5/10/20 of the evidence turns, per category and
 * overall, for BM25 alone, vector alone and the hybrid, with query latency and ingest throughput.
 *
 * Turns are written by one of three paths (--ingest, see bench/support/ingest.ts): `episodes`
 * (addEpisodes, one call per conversation), `messages` (addMessages, one call per session) or
 * `messages-live` (addMessages, one call per turn).
 *
 *   npm run bench:locomo [-- --ingest=episodes|messages|messages-live --conversations=N --data-dir=DIR --reuse --variant=name={json}]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EpisodeInput } from '../src/model/schemas/episode.js';
import { ingestPathFrom, ingestSessions, type BenchSession, type IngestPath } from './support/ingest.js';
import type { RetrievalTuning } from '../src/retrieval/tuning.js';
import { openBenchEngines } from './support/bench-engines.js';
import { mean, percentile, recallAt } from './support/metrics.js';
import { benchLocation, resultsName } from './support/location.js';
import { flag, markdownTable, writeResults } from './support/report.js';
import { variantsFrom } from './support/variants.js';

export const LOCOMO_PATH = path.resolve(import.meta.dirname, '../../shared/bench/locomo/locomo10.json');
const CATEGORIES: Record<number, string> = { 1: 'multi-hop', 2: 'temporal', 3: 'open-domain', 4: 'single-hop' };
const KS = [5, 10, 20] as const;
/** Turns of a session are this far apart (the data has one date per session). */
const TURN_SPACING_MS = 60_000;

interface Turn {
  speaker: string;
  dia_id: string;
  text: string;
  blip_caption?: string;
}

export interface LocomoSample {
  sample_id: string;
  conversation: Record<string, unknown>;
  qa: Array<{ question: string; evidence?: string[]; category: number }>;
}

export interface LocomoOptions {
  samples: LocomoSample[];
  location: { dataDir: string; databaseUrl?: string };
  /** Skip ingestion of conversations already in `dataDir`. */
  reuse?: boolean;
  /** Default `episodes`. */
  ingest?: IngestPath;
  variants: Record<string, RetrievalTuning>;
}

interface Recall {
  questions: number;
  r5: number;
  r10: number;
  r20: number;
}

export interface LocomoReport {
  benchmark: 'locomo';
  ingestPath: IngestPath;
  conversations: number;
  episodes: number;
  ingest: { seconds: number; episodesPerSecond: number } | null;
  variants: Record<string, { overall: Recall; byCategory: Record<string, Recall>; latencyMs: { p50: number; p95: number } }>;
}

/** "1:56 pm on 8 May, 2023" → a Date. */
export function parseSessionDate(text: string): Date {
  const m = /(\d{1,2}):(\d{2})\s*(am|pm)\s+on\s+(\d{1,2})\s+(\w+),?\s+(\d{4})/i.exec(text);
  if (!m) throw new Error(`unreadable LoCoMo session date "${text}"`);
  const hour = (Number(m[1]) % 12) + (m[3]!.toLowerCase() === 'pm' ? 12 : 0);
  return new Date(`${m[5]} ${m[4]}, ${m[6]} ${String(hour).padStart(2, '0')}:${m[2]}:00 UTC`);
}

/** The sessions of one conversation: each turn with its speaker as name, the image caption in its content, session date as time. */
export function conversationSessions(sample: LocomoSample): BenchSession[] {
  const c = sample.conversation;
  const sessions = Object.keys(c)
    .map((k) => /^session_(\d+)$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null && Array.isArray(c[m[0]]))
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  return sessions.map((n) => {
    const start = parseSessionDate(String(c[`session_${n}_date_time`])).getTime();
    const turns = (c[`session_${n}`] as Turn[]).map((turn, i) => ({
      speaker: turn.speaker,
      content: `${turn.text}${turn.blip_caption ? ` [shares a photo of ${turn.blip_caption}]` : ''}`,
      createdAt: new Date(start + i * TURN_SPACING_MS).toISOString(),
      metadata: { diaId: turn.dia_id, speaker: turn.speaker, session: n },
    }));
    return {
      sessionId: `session_${n}`,
      messages: turns.map((t) => ({ role: 'user' as const, name: t.speaker, content: t.content, createdAt: t.createdAt, metadata: t.metadata })),
      episodes: turns.map((t) => ({ text: `${t.speaker}: ${t.content}`, occurredAt: t.createdAt, type: 'conversation_turn' as const, metadata: t.metadata })),
    };
  });
}

/** The episodes of one conversation, as the `episodes` path writes them ("Speaker: text", typed, dated). */
export function conversationEpisodes(sample: LocomoSample): EpisodeInput[] {
  return conversationSessions(sample).flatMap((s) => s.episodes);
}

/** Evidence ids as the data gives them, some malformed ("D8:6; D9:17", "D:11:26", "D30:05"), normalised. */
export function evidenceIds(evidence: readonly string[]): string[] {
  return [...evidence.join(' ').matchAll(/D:?(\d+):(\d+)/g)].map((m) => `D${Number(m[1])}:${Number(m[2])}`);
}

export async function runLocomo(options: LocomoOptions): Promise<LocomoReport> {
  const bench = await openBenchEngines(options.location);
  const { store } = bench.deps;
  let ingestSeconds = 0;
  let ingested = 0;
  let episodes = 0;
  const questions: Array<{ externalId: string; question: string; category: number; evidence: Set<string> }> = [];
  for (const sample of options.samples) {
    const scope = { tenantId: bench.deps.tenantId, externalId: sample.sample_id };
    const sessions = conversationSessions(sample);
    const inputs = sessions.flatMap((s) => s.episodes);
    const known = new Set(inputs.map((e) => (e.metadata as { diaId: string }).diaId));
    episodes += inputs.length;
    if (!(options.reuse && (await store.episodes.statsSince(scope)).count > 0)) {
      const started = performance.now();
      await ingestSessions(bench, sample.sample_id, sessions, options.ingest ?? 'episodes');
      ingestSeconds += (performance.now() - started) / 1000;
      ingested += inputs.length;
    }
    for (const qa of sample.qa) {
      if (qa.category === 5 || !CATEGORIES[qa.category]) continue;
      const evidence = new Set(evidenceIds(qa.evidence ?? []).filter((id) => known.has(id)));
      if (evidence.size) questions.push({ externalId: sample.sample_id, question: qa.question, category: qa.category, evidence });
    }
  }
  const report: LocomoReport = {
    benchmark: 'locomo',
    ingestPath: options.ingest ?? 'episodes',
    conversations: options.samples.length,
    episodes,
    ingest: ingested ? { seconds: ingestSeconds, episodesPerSecond: ingested / ingestSeconds } : null,
    variants: {},
  };
  for (const [name, tuning] of Object.entries(options.variants)) {
    const latencies: number[] = [];
    const rows: Array<{ category: number; r: number[] }> = [];
    for (const q of questions) {
      const started = performance.now();
      const results = await bench.retrieval.retrieve({ externalId: q.externalId, query: q.question, limit: 20, tiers: ['episode'] }, tuning);
      latencies.push(performance.now() - started);
      const ranked = results.map((r) => (r.metadata as { diaId: string }).diaId);
      rows.push({ category: q.category, r: KS.map((k) => recallAt(ranked, q.evidence, k)) });
    }
    const summarise = (subset: typeof rows): Recall => ({
      questions: subset.length,
      r5: mean(subset.map((x) => x.r[0]!)),
      r10: mean(subset.map((x) => x.r[1]!)),
      r20: mean(subset.map((x) => x.r[2]!)),
    });
    report.variants[name] = {
      overall: summarise(rows),
      byCategory: Object.fromEntries(Object.entries(CATEGORIES).map(([n, label]) => [label, summarise(rows.filter((x) => x.category === Number(n)))])),
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    };
  }
  await bench.close();
  return report;
}

export function locomoTable(report: LocomoReport): string {
  const categories = Object.values(CATEGORIES);
  return markdownTable(
    ['retriever', 'R@5', 'R@10', 'R@20', ...categories.map((c) => `${c} R@10`), 'p50 ms', 'p95 ms'],
    Object.entries(report.variants).map(([name, v]) => [
      name,
      v.overall.r5,
      v.overall.r10,
      v.overall.r20,
      ...categories.map((c) => v.byCategory[c]!.r10),
      v.latencyMs.p50.toFixed(1),
      v.latencyMs.p95.toFixed(1),
    ]),
  );
}

async function main(argv: string[]): Promise<void> {
  const samples = JSON.parse(fs.readFileSync(flag(argv, 'data') ?? LOCOMO_PATH, 'utf8')) as LocomoSample[];
  const count = Number(flag(argv, 'conversations') ?? samples.length);
  const location = await benchLocation(argv, 'locomo');
  const ingest = ingestPathFrom(argv);
  const report = await runLocomo({ samples: samples.slice(0, count), location, reuse: argv.includes('--reuse'), ingest, variants: variantsFrom(argv) });
  console.log(locomoTable(report));
  if (report.ingest) console.log(`\ningest (${ingest}): ${report.episodes} episodes, ${report.ingest.episodesPerSecond.toFixed(1)} episodes/s`);
  const name = resultsName('locomo', ingest, location.store);
  if (!argv.includes('--no-write')) console.log(`results: ${writeResults(name, { ...report, store: location.store, date: new Date().toISOString() })}`);
  location.stop();
}

if (process.argv[1] === import.meta.filename) await main(process.argv.slice(2));
