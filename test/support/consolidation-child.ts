/**
 * Child process for the consolidation process tests. Opens AgentMem at the given location, prints
 * `ready`, waits for `go` on stdin, then either consolidates once and prints the run as JSON
 * (`consolidate`), or starts a consolidation whose model never answers and prints `in-llm` so the
 * parent can kill it mid-run (`hang`).
 */
import readline from 'node:readline';
import { AgentMem, type AgentMemOptions } from '../../src/agent-mem.js';
import { scriptedModel } from './consolidation-model.js';

interface ChildArgs {
  location: Pick<AgentMemOptions, 'dataDir' | 'databaseUrl'>;
  externalId: string;
  memoryId: string;
  mode: 'consolidate' | 'hang';
}

const args = JSON.parse(process.argv[2]!) as ChildArgs;
const say = (line: string) => process.stdout.write(`${line}\n`);
const hanging = scriptedModel({
  extraction: () => {
    say('in-llm');
    return 'hang';
  },
  plan: () => 'hang',
});
const mem = await AgentMem.open({
  ...args.location,
  ...(args.mode === 'hang' ? { llm: hanging.model } : {}),
  config: { lockTtlSeconds: 1, llmTimeoutMs: 600_000, avgSectionUpdateCountForConsolidation: 100 },
});
say('ready');
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) if (line === 'go') break;
lines.close();
const run = await mem.consolidate({ externalId: args.externalId, memoryId: args.memoryId });
say(JSON.stringify(run));
await mem.close();
