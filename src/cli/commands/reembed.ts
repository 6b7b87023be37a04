import type { Command } from 'commander';
import { AgentMem } from '../../agent-mem.js';
import { cliLogger, globalOptions } from '../global-options.js';
import { endProgress, printResult, progress } from '../output.js';
import { parsePositiveInt } from '../parse.js';

export function registerReembed(program: Command): void {
  program
    .command('reembed')
    .description('re-embed every indexed text with the configured embedder (AGENT_MEM_EMBEDDINGS); stop servers on the store first')
    .option('--page-size <n>', 'texts embedded per batch (default 256)', parsePositiveInt)
    .action(async (options: { pageSize?: number }, command: Command) => {
      const global = globalOptions(command);
      const result = await AgentMem.reembed({
        dataDir: global.dataDir,
        databaseUrl: global.databaseUrl,
        logger: cliLogger(global),
        pageSize: options.pageSize,
        onProgress: (done) => progress(`re-embedded ${done} texts`),
      });
      endProgress();
      printResult(global.json, result, (r) => `re-embedded ${r.items} texts with ${r.embedder}`);
    });
}
