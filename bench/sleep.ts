/**
 * Sleep-cycle benchmark. Synthetic: N generated episodes (default 1k and 10k) in one scope; prints
 * the time of one cycle (the default sample of 1000 episodes) and of draining the scope (cycles until
 * nothing is left to sample), and the facts produced. LoCoMo: every conversation's turns become a
 * scope's episodes; cycles drain each scope, and every fact's evidence ids are checked against the
 * stored episodes.
 *
 *   npm run bench:sleep [-- --sizes=1000,10000 | --locomo[=N]] [--min-similarity=X] [--max-cluster-size=N] [--no-write]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AgentMem } from '../src/agent-mem.js';
import type { EpisodeInput } from '../src/model/schemas/episode.js';
import type { SleepCycleOptions } from '../src/model/schemas/sleep.js';
import type { SleepReport } from '../src/sleep/report.js';
import { conversationEpisodes, LOCOMO_PATH, type LocomoSample } from './locomo.js';
import { flag, markdownTable, writeResults } from './support/report.js';

const PEOPLE = ['Alice', 'Bob', 'Carmen', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro'];
const TOPICS = [
  ['went hiking on the ridge trail', 'packed new hiking boots', 'planned a mountain hike for the weekend'],
  ['cooked a mushroom risotto', 'tried a new pasta recipe', 'baked sourdough bread at home'],
  ['practised the piano for an hour', 'booked a piano lesson', 'learned a new Chopin nocturne'],
  ['ordered green tea at the café', 'bought a tin of oolong tea', 'said tea is better than coffee'],
  ['renewed the gym membership', 'ran five kilometres before work', 'signed up for a half marathon'],
  ['fixed a bug in the billing service', 'reviewed a pull request about payments', 'deployed the invoicing release'],
  ['booked flights to Kyoto', 'reserved a ryokan near the temples', 'bought a Japan rail pass'],
  ['adopted a rescue cat', 'took the cat to the vet', 'bought a scratching post for the cat'],
];
const WHEN = ['this morning', 'yesterday', 'last week', 'on Sunday', 'after work', 'again'];

/** A small deterministic PRNG so every run benchmarks the same episodes. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticEpisodes(count: number, now = Date.now(), seed = 7): EpisodeInput[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, () => {
    const topic = pick(TOPICS);
    return {
      text: `${pick(PEOPLE)} ${pick(topic)} ${pick(WHEN)}.`,
      type: topic === TOPICS[3] ? ('preference' as const) : ('episodic_event' as const),
      importance: Math.round(random() * 100) / 100,
      occurredAt: new Date(now - random() * 60 * 86_400_000).toISOString(),
    };
  });
}

async function ingest(mem: AgentMem, externalId: string, episodes: EpisodeInput[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < episodes.length; i += 500) await mem.addEpisodes({ externalId, episodes: episodes.slice(i, i + 500) });
  return (performance.now() - started) / 1000;
}

/** Cycles until a cycle samples nothing; returns every report. */
async function drain(mem: AgentMem, externalId: string, options: SleepCycleOptions): Promise<SleepReport[]> {
  const reports: SleepReport[] = [];
  for (;;) {
    const report = await mem.runSleepCycle({ externalId, ...options });
    if (report.sampled === 0) return reports;
    reports.push(report);
    if (report.episodesMarked === 0) return reports; // nothing clustered: the rest stays for later
  }
}

const sum = (reports: SleepReport[], field: 'elapsedMs' | 'factsCreated' | 'factsUpdated' | 'episodesMarked') => reports.reduce((t, r) => t + r[field], 0);

async function synthetic(sizes: number[], options: SleepCycleOptions) {
  const rows = [];
  for (const size of sizes) {
    const mem = await AgentMem.open({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mem-sleep-')) });
    try {
      const ingestSeconds = await ingest(mem, 'bench', syntheticEpisodes(size));
      const reports = await drain(mem, 'bench', options);
      const first = reports[0]!;
      const facts = await mem.listFacts({ externalId: 'bench' });
      rows.push({
        episodes: size,
        ingestSeconds,
        firstCycle: { sampled: first.sampled, clusters: first.clusters, seconds: first.elapsedMs / 1000 },
        drain: { cycles: reports.length, seconds: sum(reports, 'elapsedMs') / 1000, episodesMarked: sum(reports, 'episodesMarked'), factsCreated: sum(reports, 'factsCreated'), factsUpdated: sum(reports, 'factsUpdated') },
        currentFacts: facts.length,
      });
    } finally {
      await mem.close();
    }
  }
  console.log(
    markdownTable(
      ['episodes', 'ingest s', 'cycle: sampled', 'cycle: clusters', 'cycle s', 'drain cycles', 'drain s', 'episodes consolidated', 'facts created', 'facts updated', 'current facts'],
      rows.map((r) => [r.episodes, r.ingestSeconds, r.firstCycle.sampled, r.firstCycle.clusters, r.firstCycle.seconds, r.drain.cycles, r.drain.seconds, r.drain.episodesMarked, r.drain.factsCreated, r.drain.factsUpdated, r.currentFacts]),
    ),
  );
  return rows;
}

async function locomo(conversations: number, options: SleepCycleOptions) {
  const samples = (JSON.parse(fs.readFileSync(LOCOMO_PATH, 'utf8')) as LocomoSample[]).slice(0, conversations);
  const mem = await AgentMem.open({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mem-sleep-locomo-')) });
  const rows = [];
  try {
    for (const sample of samples) {
      const episodes = conversationEpisodes(sample);
      await ingest(mem, sample.sample_id, episodes);
      // The conversations are from 2023: a window that reaches back to them.
      const reports = await drain(mem, sample.sample_id, { windowDays: 36_500, ...options });
      const stored = new Set<string>();
      for (let cursor: string | undefined, first = true; first || cursor; first = false) {
        const page = await mem.listEpisodes({ externalId: sample.sample_id, limit: 500, ...(cursor ? { cursor } : {}) });
        page.items.forEach((e) => stored.add(e.id));
        cursor = page.nextCursor;
      }
      const facts = await mem.listFacts({ externalId: sample.sample_id, includeHistory: true });
      const evidence = facts.flatMap((f) => f.evidenceIds);
      rows.push({
        conversation: sample.sample_id,
        episodes: episodes.length,
        cycles: reports.length,
        seconds: sum(reports, 'elapsedMs') / 1000,
        episodesConsolidated: sum(reports, 'episodesMarked'),
        facts: facts.filter((f) => f.validTo === null).length,
        factVersions: facts.length,
        evidenceIds: evidence.length,
        evidenceFound: evidence.filter((id) => stored.has(id)).length,
      });
    }
  } finally {
    await mem.close();
  }
  console.log(
    markdownTable(
      ['conversation', 'episodes', 'cycles', 'seconds', 'consolidated', 'facts', 'fact versions', 'evidence ids', 'evidence found'],
      rows.map((r) => [r.conversation, r.episodes, r.cycles, r.seconds, r.episodesConsolidated, r.facts, r.factVersions, r.evidenceIds, r.evidenceFound]),
    ),
  );
  return rows;
}

async function main(argv: string[]): Promise<void> {
  const locomoFlag = argv.find((a) => a === '--locomo' || a.startsWith('--locomo='));
  const number = (name: string) => (flag(argv, name) === undefined ? {} : { [name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())]: Number(flag(argv, name)) });
  const options: SleepCycleOptions = { ...number('min-similarity'), ...number('max-cluster-size') };
  const report = locomoFlag
    ? { benchmark: 'sleep-locomo', options, conversations: await locomo(Number(flag(argv, 'locomo') ?? 10), options) }
    : { benchmark: 'sleep', options, sizes: await synthetic((flag(argv, 'sizes') ?? '1000,10000').split(',').map(Number), options) };
  if (!argv.includes('--no-write')) console.log(`results: ${writeResults(report.benchmark, { ...report, date: new Date().toISOString() })}`);
}

if (process.argv[1] === import.meta.filename) await main(process.argv.slice(2));
