import { once } from 'node:events';
import fs from 'node:fs';
import type { Command } from 'commander';
import { globalOptions, withMem } from '../global-options.js';
import { endProgress, progress } from '../output.js';
import { exportScope } from '../records.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description("write <externalId>'s memory (every scope of the tenant when omitted) as JSON lines")
    .argument('[externalId]', 'one agent or user')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((externalId: string | undefined, options: { out?: string }, command: Command) =>
      withMem(globalOptions(command), async (mem) => {
        const out = options.out ? fs.createWriteStream(options.out) : process.stdout;
        const scopes = externalId ? [externalId] : (await mem.listScopes()).map((s) => s.externalId);
        let written = 0;
        for (const scope of scopes) {
          for await (const record of exportScope(mem, scope)) {
            if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
            written += 1;
          }
          if (options.out) progress(`exported ${written} records (${scope})`);
        }
        if (options.out) {
          endProgress();
          await new Promise<void>((resolve, reject) => (out as fs.WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())));
          process.stderr.write(`exported ${written} records from ${scopes.length} scopes to ${options.out}\n`);
        }
      }),
    );
}
