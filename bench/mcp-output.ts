/**
 * What the MCP search tools cost a model to read, per result, before and after the compact output:
 * before, `search_memories` and `get_context` answered pretty-printed JSON of every result (what
 * `JSON.stringify(answer, null, 2)` gives); now they answer one line per memory
 * (`[date · tier · id] content`, memoryLines) and put the full answer in `structuredContent`.
 * Measured on real results: LoCoMo conversations written through addMessages, their questions
 * asked with the default limit (10). Tokens are estimated as characters / 4.
 *
 *   npm run bench:mcp-output [-- --conversations=N --questions=N]
 */
import fs from 'node:fs';
import { contextFor } from '../src/integrations/context.js';
import { memoryLines } from '../src/integrations/memory-line.js';
import { LOCOMO_PATH, conversationSessions, type LocomoSample } from './locomo.js';
import { openBenchEngines } from './support/bench-engines.js';
import { ingestSessions } from './support/ingest.js';
import { benchLocation } from './support/location.js';
import { mean } from './support/metrics.js';
import { flag, markdownTable, writeResults } from './support/report.js';

interface Sizes {
  answers: number;
  results: number;
  charsPerResult: { before: number; after: number };
  tokensPerResult: { before: number; after: number };
  charsPerAnswer: { before: number; after: number };
}

const tokens = (chars: number) => chars / 4;

function sizes(answers: Array<{ results: number; before: string; after: string }>): Sizes {
  const results = answers.reduce((n, a) => n + a.results, 0);
  const perResult = (pick: (a: (typeof answers)[number]) => string) => answers.reduce((n, a) => n + pick(a).length, 0) / results;
  const before = perResult((a) => a.before);
  const after = perResult((a) => a.after);
  return {
    answers: answers.length,
    results,
    charsPerResult: { before, after },
    tokensPerResult: { before: tokens(before), after: tokens(after) },
    charsPerAnswer: { before: mean(answers.map((a) => a.before.length)), after: mean(answers.map((a) => a.after.length)) },
  };
}

async function main(argv: string[]): Promise<void> {
  const samples = (JSON.parse(fs.readFileSync(LOCOMO_PATH, 'utf8')) as LocomoSample[]).slice(0, Number(flag(argv, 'conversations') ?? 1));
  const perConversation = Number(flag(argv, 'questions') ?? 100);
  const location = await benchLocation(argv, 'mcp-output');
  const bench = await openBenchEngines(location);
  const search: Array<{ results: number; before: string; after: string }> = [];
  const context: Array<{ results: number; before: string; after: string }> = [];
  for (const sample of samples) {
    await ingestSessions(bench, sample.sample_id, conversationSessions(sample), 'messages');
    for (const { question } of sample.qa.slice(0, perConversation)) {
      const results = await bench.retrieval.retrieve({ externalId: sample.sample_id, query: question });
      search.push({ results: results.length, before: JSON.stringify({ results }, null, 2), after: memoryLines(results) });
      const block = await contextFor((input) => bench.retrieval.retrieve(input), { externalId: sample.sample_id, task: question });
      context.push({ results: block.memories.length, before: JSON.stringify(block, null, 2), after: memoryLines(block.memories) });
    }
  }
  await bench.close();
  location.stop();
  const report = { tokensEstimatedAs: 'characters / 4', search_memories: sizes(search), get_context: sizes(context) };
  console.log(
    markdownTable(
      ['tool', 'answers', 'results', 'chars/result before', 'chars/result after', 'tokens/result before', 'tokens/result after', 'chars/answer before', 'chars/answer after'],
      (['search_memories', 'get_context'] as const).map((tool) => {
        const s = report[tool];
        return [tool, s.answers, s.results, s.charsPerResult.before.toFixed(0), s.charsPerResult.after.toFixed(0), s.tokensPerResult.before.toFixed(0), s.tokensPerResult.after.toFixed(0), s.charsPerAnswer.before.toFixed(0), s.charsPerAnswer.after.toFixed(0)];
      }),
    ),
  );
  if (!argv.includes('--no-write')) console.log(`results: ${writeResults('mcp-output', { ...report, date: new Date().toISOString() })}`);
}

if (process.argv[1] === import.meta.filename) await main(process.argv.slice(2));
