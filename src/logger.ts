import { pino } from 'pino';

export type Logger = pino.Logger;

/** Structured logs on stderr; quiet under tests unless AGENT_MEM_LOG_LEVEL says otherwise. */
export function createLogger(name = 'agent-mem'): Logger {
  const level = process.env.AGENT_MEM_LOG_LEVEL ?? (process.env.NODE_TEST_CONTEXT ? 'silent' : 'info');
  return pino({ name, level }, pino.destination(2));
}
