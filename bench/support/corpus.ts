import fs from 'node:fs';
import { LOCOMO_PATH, conversationEpisodes, type LocomoSample } from '../locomo.js';
import { LONGMEMEVAL_PATH, poolEpisodes, type LongMemEvalQuestion } from '../longmemeval.js';

/** Real memory-sized texts and questions for load benchmarks, read from ../shared/bench (never copied). */
export interface Corpus {
  /** Every LoCoMo turn and LongMemEval (oracle) turn, in order, duplicates dropped. */
  texts: string[];
  /** Every LoCoMo question (what agents ask of their memory). */
  questions: string[];
}

export function loadCorpus(): Corpus {
  const locomo = JSON.parse(fs.readFileSync(LOCOMO_PATH, 'utf8')) as LocomoSample[];
  const longmemeval = JSON.parse(fs.readFileSync(LONGMEMEVAL_PATH, 'utf8')) as LongMemEvalQuestion[];
  const texts = [...locomo.flatMap((s) => conversationEpisodes(s).map((e) => e.text)), ...poolEpisodes(longmemeval).map((e) => e.text)];
  const questions = locomo.flatMap((s) => s.qa.map((q) => q.question));
  // Episodes and queries are stored trimmed; the cache is keyed by what the embedder is given.
  return { texts: [...new Set(texts.map((t) => t.trim()).filter(Boolean))], questions: [...new Set(questions.map((q) => q.trim()))] };
}
