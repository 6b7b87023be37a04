import type { Command } from 'commander';
import type { Tier } from '../../model/tiers.js';
import { TIERS } from '../../model/tiers.js';
import { globalOptions, withMem } from '../global-options.js';
import { printResult } from '../output.js';
import { collectList, parsePositiveInt, parseScore } from '../parse.js';
import { clip } from '../tree.js';

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description("hybrid search over <externalId>'s memory tiers")
    .argument('<externalId>', 'the agent or user the memory is about')
    .argument('<query...>', 'what to look for')
    .option('--limit <n>', 'most results (default 10)', parsePositiveInt)
    .option('--tier <tiers>', `only these tiers: ${TIERS.join(', ')} (comma-separated)`, collectList)
    .option('--as-of <date>', 'only what was valid at this ISO date-time')
    .option('--session <id>', 'only turns of this conversation session')
    .option('--min-score <score>', 'leave out results scoring below this (about 0 to 2.5; see docs/retrieval.md)', parseScore)
    .action((externalId: string, words: string[], options: { limit?: number; tier?: string[]; asOf?: string; session?: string; minScore?: number }, command: Command) => {
      const global = globalOptions(command);
      return withMem(global, async (mem) => {
        const results = await mem.retrieveMemories({
          externalId,
          query: words.join(' '),
          limit: options.limit,
          tiers: options.tier as Tier[] | undefined,
          asOf: options.asOf,
          sessionId: options.session,
          minScore: options.minScore,
        });
        printResult(global.json, { results }, ({ results: found }) =>
          found.length === 0 ? 'no memories found' : found.map((r, i) => `${String(i + 1).padStart(2)}. ${r.score.toFixed(3)} [${r.tier}] ${clip(r.content, 160)}`).join('\n'),
        );
      });
    });
}
