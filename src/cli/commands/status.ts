import type { Command } from 'commander';
import type { MemStatus } from '../../runtime/status.js';
import { globalOptions, withMem } from '../global-options.js';
import { printResult } from '../output.js';

function render(status: MemStatus): string {
  const { store, embedder } = status;
  const pool = store.pool ? `, pool ${store.pool.total - store.pool.idle}/${store.pool.size} in use, ${store.pool.waiting} waiting` : '';
  return [
    `agent-mem ${status.version}`,
    `store     ${store.kind}, schema version ${store.schemaVersion}, vectors ${store.vectors}${pool}`,
    `embedder  ${embedder.id} (${embedder.dimensions} dimensions)`,
    `llm       ${status.llm ? 'configured' : 'none (deterministic paths)'}`,
  ].join('\n');
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('the store (kind, schema version, vectors, connections), the embedder and the model in use')
    .action((_options: unknown, command: Command) => {
      const options = globalOptions(command);
      return withMem(options, async (mem) => printResult(options.json, await mem.status(), render));
    });
}
