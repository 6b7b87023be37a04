import { Command } from 'commander';
import { PACKAGE_VERSION } from '../server/version.js';
import { registerMcp } from './commands/mcp.js';
import { registerMigrate } from './commands/migrate.js';
import { registerServe } from './commands/serve.js';

/** The `agent-mem` command with every subcommand. */
export function createProgram(): Command {
  const program = new Command('agent-mem')
    .description('long-term memory for LLM agents')
    .version(PACKAGE_VERSION)
    .option('--data-dir <dir>', 'folder of the embedded SQLite store (default AGENT_MEM_DIR, else ./.agent-mem)')
    .option('--database-url <url>', 'PostgreSQL URL (default DATABASE_URL)')
    .option('--tenant <id>', 'tenant to act as (default "default")')
    .option('--json', 'print machine-readable JSON')
    .option('--verbose', 'show debug logs on stderr')
    .showHelpAfterError();
  for (const register of [registerServe, registerMcp, registerMigrate]) register(program);
  return program;
}
