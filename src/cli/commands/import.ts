import fs from 'node:fs';
import readline from 'node:readline';
import type { Command } from 'commander';
import { AgentMemError, ValidationError } from '../../errors.js';
import { parseInput } from '../../model/validate.js';
import { globalOptions, withMem } from '../global-options.js';
import { endProgress, printResult, progress } from '../output.js';
import { RecordImporter, recordKindSchema, type ExportRecord } from '../records.js';

/** A failure on one line, with the line number in front of the reason. */
function atLine(line: number, error: unknown): Error {
  if (error instanceof AgentMemError) {
    const issues = error instanceof ValidationError ? error.issues : [];
    return new ValidationError(`line ${line}: ${error.message}`, issues);
  }
  return error as Error;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('read JSON lines written by `agent-mem export` (from a file, or stdin) into the store')
    .argument('[file]', 'the export file (default stdin)')
    .action((file: string | undefined, _options: unknown, command: Command) => {
      const global = globalOptions(command);
      return withMem(global, async (mem) => {
        const input = file && file !== '-' ? fs.createReadStream(file) : process.stdin;
        const counts: Record<string, number> = { active_memory: 0, episode: 0, fact: 0 };
        const importer = new RecordImporter(mem);
        let line = 0;
        for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
          line += 1;
          if (!text.trim()) continue;
          try {
            const record = JSON.parse(text) as ExportRecord;
            parseInput(recordKindSchema, record, 'record');
            await importer.add(record);
            counts[record.kind]! += 1;
          } catch (error) {
            if (error instanceof SyntaxError) throw new ValidationError(`line ${line}: not JSON (${error.message})`, [{ field: `line ${line}`, reason: 'not JSON' }]);
            throw atLine(line, error);
          }
          if (line % 100 === 0) progress(`imported ${line} lines`);
        }
        try {
          await importer.flush();
        } catch (error) {
          throw atLine(line, error);
        }
        if (line >= 100) endProgress();
        printResult(global.json, { imported: counts }, (c) => `imported ${c.imported.active_memory} active memories, ${c.imported.episode} episodes, ${c.imported.fact} facts`);
      });
    });
}
