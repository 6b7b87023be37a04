import type { Command } from 'commander';
import { serveMcpOverStdio } from '../../server/mcp/stdio.js';
import { globalOptions, withMem } from '../global-options.js';

export function registerMcp(program: Command): void {
  program
    .command('mcp')
    .description('serve the MCP tools over stdio (for desktop and IDE clients)')
    .action((_options: unknown, command: Command) => withMem(globalOptions(command), serveMcpOverStdio));
}
