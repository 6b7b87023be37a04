import type { Command } from 'commander';
import { AgentMem } from '../../agent-mem.js';
import { cliLogger, globalOptions, type GlobalOptions } from '../global-options.js';
import { printResult } from '../output.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('create or upgrade the store schema (opening the store applies pending migrations)')
    .option('--distribute', 'on a Citus coordinator, also distribute tables that already hold rows, with their data')
    .action(async (flags: { distribute?: boolean }, command: Command) => {
      const options: GlobalOptions = globalOptions(command);
      const status = await AgentMem.migrate({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, logger: cliLogger(options), distribute: flags.distribute ?? false });
      printResult(options.json, { migrated: true, store: status }, () => `store schema is up to date (${status.kind}, schema version ${status.schemaVersion})`);
    });
}
