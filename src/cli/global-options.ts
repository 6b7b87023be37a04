import type { Command } from 'commander';
import { AgentMem } from '../agent-mem.js';
import { createLogger, type Logger } from '../logger.js';

export interface GlobalOptions {
  dataDir?: string;
  databaseUrl?: string;
  tenant?: string;
  json?: boolean;
  verbose?: boolean;
}

/** The options given before or after the subcommand name. */
export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/**
 * Opens the library as the CLI's options say (the embedded store unless --database-url or
 * DATABASE_URL). Logs stay at warn for one-shot commands unless --verbose or AGENT_MEM_LOG_LEVEL.
 */
export async function openMem(options: GlobalOptions, logLevel?: string): Promise<AgentMem> {
  return AgentMem.open({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, tenantId: options.tenant, logger: cliLogger(options, logLevel) });
}

export function cliLogger(options: GlobalOptions, level = options.verbose ? 'debug' : 'warn'): Logger {
  const logger = createLogger();
  if (!process.env.AGENT_MEM_LOG_LEVEL) logger.level = level;
  return logger;
}

/** Runs `work` with an open library and always closes it. */
export async function withMem<T>(options: GlobalOptions, work: (mem: AgentMem) => Promise<T>): Promise<T> {
  const mem = await openMem(options);
  try {
    return await work(mem);
  } finally {
    await mem.close();
  }
}
