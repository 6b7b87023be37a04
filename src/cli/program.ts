import { Command } from 'commander';
import { PACKAGE_VERSION } from '../server/version.js';
import { registerAdd } from './commands/add.js';
import { registerAddChat } from './commands/add-chat.js';
import { registerBench } from './commands/bench.js';
import { registerConsolidate } from './commands/consolidate.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerInspect } from './commands/inspect.js';
import { registerMcp } from './commands/mcp.js';
import { registerMigrate } from './commands/migrate.js';
import { registerReembed } from './commands/reembed.js';
import { registerSearch } from './commands/search.js';
import { registerServe } from './commands/serve.js';
import { registerSleep } from './commands/sleep.js';
import { registerStatus } from './commands/status.js';

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
  const commands = [registerServe, registerMcp, registerMigrate, registerStatus, registerAdd, registerAddChat, registerSearch, registerConsolidate, registerSleep, registerInspect, registerExport, registerImport, registerReembed, registerBench];
  for (const register of commands) register(program);
  return program;
}
