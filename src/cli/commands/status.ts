import type { Command } from 'commander';
import type { MemStatus } from '../../runtime/status.js';
import { globalOptions, withMem } from '../global-options.js';
import { printResult } from '../output.js';

function render(status: MemStatus): string {
  const { store, embedder } = status;
  const { pending } = status.background;
  const pool = store.pool ? `, pool ${store.pool.total - store.pool.idle}/${store.pool.size} in use, ${store.pool.waiting} waiting` : '';
  return [
    `agent-mem ${status.version}`,
    `store     ${store.kind}, schema version ${store.schemaVersion}, vectors ${store.vectors}${pool}`,
    `embedder  ${embedder.id} (${embedder.dimensions} dimensions)`,
    `llm       ${status.llm ? 'configured' : 'none (deterministic paths)'}`,
    `tenant    ${status.counts.scopes} agents, ${status.counts.activeMemories} active memories, ${status.counts.episodes} episodes, ${status.counts.facts} facts`,
    `pending   ${pending.consolidations} consolidations, ${pending.sleepCyclesQueued} sleep cycles queued, ${pending.sleepCyclesRunning} running`,
    ...status.background.recentRuns.slice(0, 5).map((r) => `run       ${r.startedAt} ${r.externalId} ${r.kind} ${r.status} (${r.trigger})`),
  ].join('\n');
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('the store (kind, schema version, vectors, connections), the embedder and the model, the tenant\'s counts, pending background work and newest runs')
    .action((_options: unknown, command: Command) => {
      const options = globalOptions(command);
      return withMem(options, async (mem) => printResult(options.json, await mem.status(), render));
    });
}
