import type { Command } from 'commander';
import { globalOptions, withMem } from '../global-options.js';
import { printResult } from '../output.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('create or upgrade the store schema (opening the store applies pending migrations)')
    .action((_options: unknown, command: Command) => {
      const options = globalOptions(command);
      return withMem(options, async (mem) => {
        await mem.ping();
        printResult(options.json, { migrated: true }, () => 'store schema is up to date');
      });
    });
}
