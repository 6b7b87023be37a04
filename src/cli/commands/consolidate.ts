import type { Command } from 'commander';
import type { ConsolidationRun } from '../../model/run.js';
import { globalOptions, withMem } from '../global-options.js';
import { printResult } from '../output.js';

export function formatRun(run: ConsolidationRun): string {
  const counts = Object.entries(run.counts).map(([name, n]) => `${name}=${n}`).join(' ');
  return `${run.kind} ${run.id} ${run.status}${run.memoryId ? ` memory=${run.memoryId}` : ''}${counts ? ` ${counts}` : ''}${run.error ? ` error: ${run.error}` : ''}`;
}

export function registerConsolidate(program: Command): void {
  program
    .command('consolidate')
    .description("consolidate an active memory now (every memory of <externalId> when no memoryId is given)")
    .argument('<externalId>', 'the agent or user the memory is about')
    .argument('[memoryId]', 'one active memory')
    .action((externalId: string, memoryId: string | undefined, _options: unknown, command: Command) => {
      const global = globalOptions(command);
      return withMem(global, async (mem) => {
        const ids = memoryId ? [memoryId] : (await mem.getActiveMemories({ externalId })).map((m) => m.id);
        const runs: ConsolidationRun[] = [];
        for (const id of ids) runs.push(await mem.consolidate({ externalId, memoryId: id }));
        printResult(global.json, { runs }, (r) => (r.runs.length ? r.runs.map(formatRun).join('\n') : `no active memories for ${externalId}`));
      });
    });
}
