import type { Command } from 'commander';
import { parseInput } from '../../model/validate.js';
import { globalOptions, withMem } from '../global-options.js';
import { atLine, readJsonLines } from '../json-lines.js';
import { endProgress, printResult, progress } from '../output.js';
import { RecordImporter, recordKindSchema, type ExportRecord } from '../records.js';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('read JSON lines written by `agent-mem export` (from a file, or stdin) into the store')
    .argument('[file]', 'the export file (default stdin)')
    .action((file: string | undefined, _options: unknown, command: Command) => {
      const global = globalOptions(command);
      return withMem(global, async (mem) => {
        const counts: Record<string, number> = { active_memory: 0, episode: 0, fact: 0 };
        const importer = new RecordImporter(mem);
        let line = 0;
        for await (const read of readJsonLines(file)) {
          line = read.line;
          try {
            const record = read.value as ExportRecord;
            parseInput(recordKindSchema, record, 'record');
            await importer.add(record);
            counts[record.kind]! += 1;
          } catch (error) {
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
