/**
 * LongMemEval (oracle file) retrieval benchmark: every question's sessions are pooled into one
 * haystack per question type (or one overall with --pool=overall), each turn an episode. For
 * each question (abstention ones skipped) report session-level recall_any@5/10 and NDCG@10, and
 * turn-level recall@10 against `has_answer`, for BM25 alone, vector alone and the hybrid.
 *
 * Turns are written by one of three paths (--ingest, see bench/support/ingest.ts). The `messages`
 * paths store each turn as "user: …" / "assistant: …" (addMessages names the speaker); `episodes`
 * stores the bare content.
 *
 *   npm run bench:longmemeval [-- --ingest=episodes|messages|messages-live --questions=N --pool=overall --data-dir=DIR --reuse --variant=name={json}]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EpisodeInput } from '../src/model/schemas/episode.js';
import type { RetrievalTuning } from '../src/retrieval/tuning.js';
import { openBenchEngines } from './support/bench-engines.js';
import { ingestPathFrom, ingestSessions, type BenchSession, type IngestPath } from './support/ingest.js';
import { distinctInOrder, mean, ndcgAt, percentile, recallAnyAt, recallAt } from './support/metrics.js';
import { benchLocation, resultsName } from './support/location.js';
import { flag, markdownTable, writeResults } from './support/report.js';
import { variantsFrom } from './support/variants.js';

export const LONGMEMEVAL_PATH = path.resolve(import.meta.dirname, '../../shared/bench/longmemeval/longmemeval_oracle.json');
const TURN_SPACING_MS = 60_000;
/** Turns retrieved per question, enough to rank ten distinct sessions. */
const DEPTH = 50;

export interface LongMemEvalQuestion {
  question_id: string;
  question_type: string;
  question: string;
  question_date: string;
  haystack_dates: string[];
  haystack_session_ids: string[];
  haystack_sessions: Array<Array<{ role: string; content: string; has_answer?: boolean }>>;
  answer_session_ids: string[];
}

export interface LongMemEvalOptions {
  questions: LongMemEvalQuestion[];
  location: { dataDir: string; databaseUrl?: string };
  pool: 'type' | 'overall';
  reuse?: boolean;
  /** Default `episodes`. */
  ingest?: IngestPath;
  variants: Record<string, RetrievalTuning>;
}

interface Scores {
  questions: number;
  sessionRecallAny5: number;
  sessionRecallAny10: number;
  sessionNdcg10: number;
  turnRecall10: number;
}

export interface LongMemEvalReport {
  benchmark: 'longmemeval-oracle';
  ingestPath: IngestPath;
  pool: 'type' | 'overall';
  episodes: number;
  ingest: { seconds: number; episodesPerSecond: number } | null;
  variants: Record<string, { overall: Scores; byType: Record<string, Scores>; latencyMs: { p50: number; p95: number } }>;
}

/** "2023/05/30 (Tue) 23:40" → a Date. */
export function parseLongMemEvalDate(text: string): Date {
  const m = /(\d{4})\/(\d{2})\/(\d{2})\D+(\d{2}):(\d{2})/.exec(text);
  if (!m) throw new Error(`unreadable LongMemEval date "${text}"`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
}

const turnKey = (sessionId: string, turn: number) => `${sessionId}#${turn}`;

/** The distinct sessions of a pool of questions, each turn carrying its session and position. */
export function poolSessions(questions: readonly LongMemEvalQuestion[]): BenchSession[] {
  const seen = new Set<string>();
  const sessions: BenchSession[] = [];
  for (const q of questions) {
    q.haystack_session_ids.forEach((sessionId, s) => {
      if (seen.has(sessionId)) return;
      seen.add(sessionId);
      const start = parseLongMemEvalDate(q.haystack_dates[s]!).getTime();
      const turns = q.haystack_sessions[s]!.flatMap((turn, i) =>
        turn.content.trim() ? [{ role: turn.role, content: turn.content, createdAt: new Date(start + i * TURN_SPACING_MS).toISOString(), metadata: { sessionId, turn: i, role: turn.role } }] : [],
      );
      sessions.push({
        sessionId,
        messages: turns.map((t) => ({ role: t.role === 'assistant' ? ('assistant' as const) : ('user' as const), content: t.content, createdAt: t.createdAt, metadata: t.metadata })),
        episodes: turns.map((t) => ({ text: t.content, occurredAt: t.createdAt, type: 'conversation_turn' as const, metadata: t.metadata })),
      });
    });
  }
  return sessions;
}

/** The turns of a pool as the `episodes` path writes them. */
export function poolEpisodes(questions: readonly LongMemEvalQuestion[]): EpisodeInput[] {
  return poolSessions(questions).flatMap((s) => s.episodes);
}

export async function runLongMemEval(options: LongMemEvalOptions): Promise<LongMemEvalReport> {
  const bench = await openBenchEngines(options.location);
  const questions = options.questions.filter((q) => !q.question_id.endsWith('_abs'));
  const pools = new Map<string, LongMemEvalQuestion[]>();
  for (const q of questions) {
    const pool = options.pool === 'overall' ? 'overall' : q.question_type;
    pools.set(pool, [...(pools.get(pool) ?? []), q]);
  }
  let episodes = 0;
  let ingested = 0;
  let ingestSeconds = 0;
  for (const [pool, members] of pools) {
    const sessions = poolSessions(members);
    episodes += sessions.reduce((n, s) => n + s.episodes.length, 0);
    if (options.reuse && (await bench.deps.store.episodes.statsSince({ tenantId: bench.deps.tenantId, externalId: pool })).count > 0) continue;
    const started = performance.now();
    await ingestSessions(bench, pool, sessions, options.ingest ?? 'episodes');
    ingestSeconds += (performance.now() - started) / 1000;
    ingested += sessions.reduce((n, s) => n + s.episodes.length, 0);
  }
  const report: LongMemEvalReport = {
    benchmark: 'longmemeval-oracle',
    ingestPath: options.ingest ?? 'episodes',
    pool: options.pool,
    episodes,
    ingest: ingested ? { seconds: ingestSeconds, episodesPerSecond: ingested / ingestSeconds } : null,
    variants: {},
  };
  for (const [name, tuning] of Object.entries(options.variants)) {
    const latencies: number[] = [];
    const rows: Array<{ type: string; scores: Omit<Scores, 'questions'>; hasTurns: boolean }> = [];
    for (const q of questions) {
      const started = performance.now();
      const results = await bench.retrieval.retrieve(
        { externalId: options.pool === 'overall' ? 'overall' : q.question_type, query: q.question, limit: DEPTH, tiers: ['episode'] },
        tuning,
      );
      latencies.push(performance.now() - started);
      const turns = results.map((r) => r.metadata as { sessionId: string; turn: number });
      const sessions = distinctInOrder(turns.map((t) => t.sessionId));
      const answerSessions = new Set(q.answer_session_ids);
      const answerTurns = new Set(
        q.haystack_session_ids.flatMap((sessionId, s) => q.haystack_sessions[s]!.flatMap((turn, i) => (turn.has_answer ? [turnKey(sessionId, i)] : []))),
      );
      rows.push({
        type: q.question_type,
        hasTurns: answerTurns.size > 0,
        scores: {
          sessionRecallAny5: recallAnyAt(sessions, answerSessions, 5),
          sessionRecallAny10: recallAnyAt(sessions, answerSessions, 10),
          sessionNdcg10: ndcgAt(sessions, answerSessions, 10),
          turnRecall10: recallAt(turns.map((t) => turnKey(t.sessionId, t.turn)), answerTurns, 10),
        },
      });
    }
    const summarise = (subset: typeof rows): Scores => ({
      questions: subset.length,
      sessionRecallAny5: mean(subset.map((r) => r.scores.sessionRecallAny5)),
      sessionRecallAny10: mean(subset.map((r) => r.scores.sessionRecallAny10)),
      sessionNdcg10: mean(subset.map((r) => r.scores.sessionNdcg10)),
      turnRecall10: mean(subset.filter((r) => r.hasTurns).map((r) => r.scores.turnRecall10)),
    });
    const types = [...new Set(rows.map((r) => r.type))].sort();
    report.variants[name] = {
      overall: summarise(rows),
      byType: Object.fromEntries(types.map((t) => [t, summarise(rows.filter((r) => r.type === t))])),
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    };
  }
  await bench.close();
  return report;
}

export function longMemEvalTable(report: LongMemEvalReport): string {
  const types = Object.keys(Object.values(report.variants)[0]?.byType ?? {});
  return markdownTable(
    ['retriever', 'session R_any@5', 'session R_any@10', 'session NDCG@10', 'turn R@10', ...types.map((t) => `${t} R_any@5`), 'p50 ms', 'p95 ms'],
    Object.entries(report.variants).map(([name, v]) => [
      name,
      v.overall.sessionRecallAny5,
      v.overall.sessionRecallAny10,
      v.overall.sessionNdcg10,
      v.overall.turnRecall10,
      ...types.map((t) => v.byType[t]!.sessionRecallAny5),
      v.latencyMs.p50.toFixed(1),
      v.latencyMs.p95.toFixed(1),
    ]),
  );
}

async function main(argv: string[]): Promise<void> {
  const all = JSON.parse(fs.readFileSync(flag(argv, 'data') ?? LONGMEMEVAL_PATH, 'utf8')) as LongMemEvalQuestion[];
  const count = Number(flag(argv, 'questions') ?? all.length);
  const pool = flag(argv, 'pool') === 'overall' ? 'overall' : 'type';
  const location = await benchLocation(argv, 'longmemeval');
  const ingest = ingestPathFrom(argv);
  const report = await runLongMemEval({ questions: all.slice(0, count), location, pool, reuse: argv.includes('--reuse'), ingest, variants: variantsFrom(argv) });
  console.log(longMemEvalTable(report));
  if (report.ingest) console.log(`\ningest (${ingest}): ${report.episodes} episodes, ${report.ingest.episodesPerSecond.toFixed(1)} episodes/s`);
  const name = resultsName(`longmemeval-${pool}`, ingest, location.store);
  if (!argv.includes('--no-write')) console.log(`results: ${writeResults(name, { ...report, store: location.store, date: new Date().toISOString() })}`);
  location.stop();
}

if (process.argv[1] === import.meta.filename) await main(process.argv.slice(2));
