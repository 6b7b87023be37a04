import { AgentMemError, type AgentMemErrorCode } from '../errors.js';

/** Exit codes: 1 unexpected, 2 bad input, 3 not found, 4 conflict, 5 unavailable, 6 configuration. */
const exitCodes: Record<AgentMemErrorCode, number> = { validation: 2, not_found: 3, conflict: 4, unavailable: 5, config: 6 };

/** Prints a readable error on stderr and returns the exit code to use. */
export function reportError(error: unknown): number {
  if (error instanceof AgentMemError) {
    process.stderr.write(`agent-mem: ${error.message}\n`);
    return exitCodes[error.code];
  }
  process.stderr.write(`agent-mem: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
