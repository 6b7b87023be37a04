import fs from 'node:fs';
import readline from 'node:readline';
import { AgentMemError, ValidationError } from '../errors.js';

/** A failure on one line, with the line number in front of the reason. */
export function atLine(line: number, error: unknown): Error {
  if (error instanceof AgentMemError) {
    const issues = error instanceof ValidationError ? error.issues : [];
    return new ValidationError(`line ${line}: ${error.message}`, issues);
  }
  return error as Error;
}

/** The JSON values of a JSON-lines file (`-` or none: stdin) with their line numbers; blank lines are skipped. */
export async function* readJsonLines(file: string | undefined): AsyncGenerator<{ line: number; value: unknown }> {
  const input = file && file !== '-' ? fs.createReadStream(file) : process.stdin;
  let line = 0;
  for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    if (!text.trim()) continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch (error) {
      if (error instanceof SyntaxError) throw new ValidationError(`line ${line}: not JSON (${error.message})`, [{ field: `line ${line}`, reason: 'not JSON' }]);
      throw error;
    }
  }
}
