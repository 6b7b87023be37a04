import { createLogger, type Logger } from '../../src/logger.js';

/** Warnings and errors only, so a benchmark's table is what it prints. */
export function quietLogger(): Logger {
  const logger = createLogger('bench');
  logger.level = 'warn';
  return logger;
}
