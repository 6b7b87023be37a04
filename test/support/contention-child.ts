/**
 * Child process for the SQLite contention test: opens AgentMem on a shared data directory and,
 * after `go` on stdin, writes episodes of one scope, either one addEpisode call at a time
 * (`single`) or in addEpisodes batches (`batch`), while it measures how long its own event loop
 * is held up. Prints one JSON line: what was acknowledged, the errors callers saw, the longest stall.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import readline from 'node:readline';
import { AgentMem } from '../../src/agent-mem.js';
import { WordEmbedder } from './word-embedder.js';

interface ChildArgs {
  dataDir: string;
  externalId: string;
  mode: 'single' | 'batch';
  /** Calls to make; a batch call writes `batchSize` episodes. */
  calls: number;
  batchSize: number;
}

const args = JSON.parse(process.argv[2]!) as ChildArgs;
const mem = await AgentMem.open({ dataDir: args.dataDir, embedder: new WordEmbedder() });
process.stdout.write('ready\n');
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) if (line === 'go') break;
lines.close();

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let acknowledged = 0;
const errors: string[] = [];
for (let call = 0; call < args.calls; call++) {
  try {
    if (args.mode === 'single') {
      await mem.addEpisode({ externalId: args.externalId, text: `single write ${call}`, tags: ['single'] });
      acknowledged += 1;
    } else {
      const episodes = Array.from({ length: args.batchSize }, (_, i) => ({ text: `batch ${call} item ${i}`, tags: ['batch'] }));
      acknowledged += (await mem.addEpisodes({ externalId: args.externalId, episodes })).length;
    }
  } catch (error) {
    errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
}
delay.disable();
await mem.close();
process.stdout.write(`${JSON.stringify({ acknowledged, errors, maxStallMs: delay.max / 1e6 })}\n`);
