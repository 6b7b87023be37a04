import type { Command } from 'commander';
import type { SleepReport } from '../../sleep/report.js';
import { globalOptions, withMem } from '../global-options.js';
import { printResult, progress, endProgress } from '../output.js';

function formatReport(r: SleepReport): string {
  return `${r.externalId}: ${r.status} sampled=${r.sampled} clusters=${r.clusters} facts created=${r.factsCreated} updated=${r.factsUpdated} episodes marked=${r.episodesMarked}${r.errors.length ? ` errors: ${r.errors.join('; ')}` : ''}`;
}

export function registerSleep(program: Command): void {
  program
    .command('sleep')
    .description("run a sleep cycle now: episodes become semantic facts (every scope of the tenant when no externalId is given)")
    .argument('[externalId]', 'one agent or user')
    .action((externalId: string | undefined, _options: unknown, command: Command) => {
      const global = globalOptions(command);
      return withMem(global, async (mem) => {
        const scopes = externalId ? [externalId] : (await mem.listScopes()).filter((s) => s.episodes > 0).map((s) => s.externalId);
        const reports: SleepReport[] = [];
        for (const [i, scope] of scopes.entries()) {
          if (!global.json) progress(`sleep cycle ${i + 1}/${scopes.length}: ${scope}`);
          reports.push(await mem.runSleepCycle({ externalId: scope }));
        }
        if (!global.json && scopes.length) endProgress();
        printResult(global.json, { reports }, (r) => (r.reports.length ? r.reports.map(formatReport).join('\n') : 'no episodes to consolidate'));
      });
    });
}
