import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationEpisodes, evidenceIds, locomoTable, parseSessionDate, runLocomo, type LocomoSample } from '../bench/locomo.js';
import { scaledEpisodes } from '../bench/latency.js';
import { addInCalls } from '../bench/support/ingest.js';
import { longMemEvalTable, runLongMemEval, type LongMemEvalQuestion } from '../bench/longmemeval.js';
import { VARIANTS } from '../bench/support/variants.js';
import { tempDir } from './support/stores.js';

/** Tiny made-up conversations in each benchmark's format, so the runners' code paths stay alive. */
const locomo: LocomoSample[] = [
  {
    sample_id: 'tiny-1',
    conversation: {
      speaker_a: 'Ana',
      speaker_b: 'Ben',
      session_1_date_time: '1:56 pm on 8 May, 2023',
      session_1: [
        { speaker: 'Ana', dia_id: 'D1:1', text: 'I adopted a cat called Miso last week.' },
        { speaker: 'Ben', dia_id: 'D1:2', text: 'Lovely! I started rock climbing at the gym.' },
        { speaker: 'Ana', dia_id: 'D1:3', text: 'Here is my new painting.', blip_caption: 'a watercolor of a lighthouse' },
      ],
      session_2_date_time: '10:00 am on 20 May, 2023',
      session_2: [
        { speaker: 'Ben', dia_id: 'D2:1', text: 'I climbed my first outdoor route yesterday.' },
        { speaker: 'Ana', dia_id: 'D2:2', text: 'Miso knocked over my coffee this morning.' },
      ],
    },
    qa: [
      { question: 'What is the name of the cat Ana adopted?', evidence: ['D1:1'], category: 4 },
      { question: 'What did Ana paint?', evidence: ['D1:3'], category: 1 },
      { question: 'When did Ben climb outdoors?', evidence: ['D:2:1; D1:2'], category: 2 },
      { question: 'Is Ana a pilot?', evidence: [], category: 5 },
    ],
  },
];

const turn = (content: string, has_answer = false) => ({ role: 'user', content, has_answer });
const longMemEval: LongMemEvalQuestion[] = [
  {
    question_id: 'q1',
    question_type: 'single-session-user',
    question: 'Which city did I move to for my new job?',
    question_date: '2023/06/01 (Thu) 10:00',
    haystack_dates: ['2023/05/20 (Sat) 09:00', '2023/05/21 (Sun) 09:00'],
    haystack_session_ids: ['s-move', 's-food'],
    haystack_sessions: [
      [turn('I just moved to Denver for my new job at a bakery.', true), turn('Any tips for the first week?')],
      [turn('What is a good recipe for lentil soup?')],
    ],
    answer_session_ids: ['s-move'],
  },
  {
    question_id: 'q2_abs',
    question_type: 'single-session-user',
    question: 'What is my cat called?',
    question_date: '2023/06/01 (Thu) 10:00',
    haystack_dates: ['2023/05/21 (Sun) 09:00'],
    haystack_session_ids: ['s-food'],
    haystack_sessions: [[turn('What is a good recipe for lentil soup?')]],
    answer_session_ids: [],
  },
];

describe('benchmark runners on tiny slices', () => {
  it('reads LoCoMo dates, turns and malformed evidence ids', () => {
    assert.equal(parseSessionDate('1:56 pm on 8 May, 2023').toISOString(), '2023-05-08T13:56:00.000Z');
    assert.equal(parseSessionDate('12:05 am on 1 June, 2023').toISOString(), '2023-06-01T00:05:00.000Z');
    assert.deepEqual(evidenceIds(['D8:6; D9:17', 'D:11:26', 'D30:05', 'D']), ['D8:6', 'D9:17', 'D11:26', 'D30:5']);
    const episodes = conversationEpisodes(locomo[0]!);
    assert.equal(episodes.length, 5);
    assert.equal(episodes[2]!.text, 'Ana: Here is my new painting. [shares a photo of a watercolor of a lighthouse]');
    assert.deepEqual(episodes[3]!.metadata, { diaId: 'D2:1', speaker: 'Ben', session: 2 });
  });

  it('scales the LoCoMo turns to any number of episodes for the latency run, a year apart per round', () => {
    const episodes = scaledEpisodes(locomo, 12);
    assert.equal(episodes.length, 12);
    assert.equal(episodes[5]!.text, episodes[0]!.text);
    assert.equal(Date.parse(episodes[5]!.occurredAt!) - Date.parse(episodes[0]!.occurredAt!), 365 * 86_400_000);
  });

  it('ingests large pools in calls of at most 5,000 episodes, cut between conversations', async () => {
    const day = 86_400_000;
    const inputs = Array.from({ length: 12_000 }, (_, i) => ({
      text: `turn ${i}`,
      occurredAt: new Date(Math.floor(i / 70) * day + (i % 70) * 60_000).toISOString(),
      type: 'conversation_turn' as const,
    }));
    const calls: number[][] = [];
    await addInCalls({ addMany: async ({ episodes }) => (calls.push(episodes.map((e) => Number(e.text.slice(5)))), []) }, 'pool', inputs);
    assert.deepEqual(calls.flat(), inputs.map((_, i) => i));
    for (const call of calls) {
      assert.ok(call.length <= 5_000);
      assert.equal(call[0]! % 70, 0, 'each call starts a conversation');
    }
  });

  it('runs LoCoMo: recall per category for each retriever, latency and throughput', async () => {
    const report = await runLocomo({ samples: locomo, location: { dataDir: tempDir() }, variants: VARIANTS });
    assert.equal(report.episodes, 5);
    assert.ok(report.ingest && report.ingest.episodesPerSecond > 0);
    assert.deepEqual(Object.keys(report.variants), ['bm25', 'vector', 'hybrid']);
    const hybrid = report.variants.hybrid!;
    assert.equal(hybrid.overall.questions, 3);
    assert.equal(hybrid.overall.r20, 1, 'five turns: every evidence turn is within the top 20');
    assert.equal(hybrid.byCategory['single-hop']!.r5, 1);
    assert.equal(hybrid.byCategory['open-domain']!.questions, 0);
    assert.match(locomoTable(report), /\| hybrid \|/);
    const again = await runLocomo({ samples: locomo, location: { dataDir: tempDir() }, variants: { bm25: VARIANTS.bm25! } });
    assert.equal(again.variants.bm25!.overall.questions, 3);
  });

  it('runs LongMemEval: session and turn recall, abstention skipped', async () => {
    const report = await runLongMemEval({ questions: longMemEval, location: { dataDir: tempDir() }, pool: 'type', variants: VARIANTS });
    assert.equal(report.episodes, 3);
    const hybrid = report.variants.hybrid!;
    assert.equal(hybrid.overall.questions, 1);
    assert.equal(hybrid.overall.sessionRecallAny5, 1);
    assert.equal(hybrid.overall.sessionNdcg10, 1);
    assert.equal(hybrid.overall.turnRecall10, 1);
    assert.match(longMemEvalTable(report), /single-session-user R_any@5/);
  });
});
