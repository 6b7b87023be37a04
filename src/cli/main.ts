#!/usr/bin/env node
import { reportError } from './errors.js';
import { createProgram } from './program.js';

let code = 0;
try {
  await createProgram().parseAsync(process.argv);
  code = typeof process.exitCode === 'number' ? process.exitCode : 0;
} catch (error) {
  code = reportError(error);
}
// Every command has finished and closed its store here; a handle some dependency left open must not
// keep a one-shot command alive. Exit once stdout has flushed (pipes are asynchronous).
process.stdout.write('', () => process.exit(code));
