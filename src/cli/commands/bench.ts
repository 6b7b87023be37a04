import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { Command } from 'commander';
import { cliLogger, globalOptions } from '../global-options.js';
import { AgentMem } from '../../agent-mem.js';
import { endProgress, printResult, progress } from '../output.js';
import { parsePositiveInt } from '../parse.js';
import { percentile } from '../stats.js';

interface BenchOptions {
  episodes: number;
  updates: number;
  searches: number;
}

interface PhaseResult {
  operation: string;
  count: number;
  opsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
}

const subjects = ['Alice', 'Bob', 'the user', 'Carol', 'the team'];
const verbs = ['visited', 'ordered', 'asked about', 'booked', 'cancelled', 'reviewed'];
const objects = ['a ryokan in Kyoto', 'green tea', 'the quarterly report', 'a flight to Lisbon', 'the billing service', 'a vegan restaurant'];

function sentence(i: number): string {
  return `${subjects[i % subjects.length]} ${verbs[(i * 7) % verbs.length]} ${objects[(i * 13) % objects.length]} (note ${i})`;
}

/** Times `count` sequential calls of `run`, showing progress. */
async function phase(operation: string, count: number, run: (i: number) => Promise<unknown>): Promise<PhaseResult> {
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await run(i);
    samples.push(performance.now() - t);
    if ((i + 1) % Math.max(1, Math.floor(count / 20)) === 0) progress(`${operation}: ${i + 1}/${count}`);
  }
  endProgress();
  const seconds = (performance.now() - started) / 1000;
  return { operation, count, opsPerSecond: count / seconds, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95) };
}

async function runBench(mem: AgentMem, options: BenchOptions): Promise<PhaseResult[]> {
  const externalId = 'bench-agent';
  const batch = 50;
  const results: PhaseResult[] = [];
  results.push(
    await phase(`addEpisodes (${batch} per call)`, Math.ceil(options.episodes / batch), (i) =>
      mem.addEpisodes({ externalId, episodes: Array.from({ length: batch }, (_, j) => ({ text: sentence(i * batch + j), importance: ((i + j) % 10) / 10 })) }),
    ),
  );
  const memory = await mem.createActiveMemory({ externalId, title: 'Bench', template: { sections: ['goals', 'facts', 'plan', 'people', 'notes'].map((id) => ({ id })) } });
  results.push(
    await phase('updateActiveMemorySections (2 sections)', options.updates, (i) =>
      mem.updateActiveMemorySections({ externalId, memoryId: memory.id, sections: [{ sectionId: 'notes', newContent: sentence(i) }, { sectionId: 'plan', newContent: sentence(i + 1) }] }),
    ),
  );
  results.push(await phase('retrieveMemories (limit 10)', options.searches, (i) => mem.retrieveMemories({ externalId, query: sentence(i * 3), limit: 10 })));
  await mem.whenIdle();
  return results;
}

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('measure the library on this machine: episode writes, batch section updates, hybrid search (on a throwaway store unless --database-url / DATABASE_URL, where it uses a throwaway tenant)')
    .option('--episodes <n>', 'episodes written (default 500)', parsePositiveInt, 500)
    .option('--updates <n>', 'batch section updates (default 200)', parsePositiveInt, 200)
    .option('--searches <n>', 'searches (default 100)', parsePositiveInt, 100)
    .action(async (options: BenchOptions, command: Command) => {
      const global = globalOptions(command);
      const databaseUrl = global.databaseUrl ?? (process.env.DATABASE_URL || undefined);
      const dataDir = databaseUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mem-bench-'));
      const mem = await AgentMem.open({ dataDir, databaseUrl, tenantId: `bench-${Date.now()}`, logger: cliLogger(global) });
      try {
        const results = await runBench(mem, options);
        printResult(global.json, { store: databaseUrl ? 'postgres' : 'sqlite', results }, (r) =>
          [
            `store: ${r.store}`,
            `${'operation'.padEnd(42)} ${'count'.padStart(6)} ${'ops/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`,
            ...r.results.map((x) => `${x.operation.padEnd(42)} ${String(x.count).padStart(6)} ${x.opsPerSecond.toFixed(1).padStart(9)} ${x.p50Ms.toFixed(1).padStart(8)} ${x.p95Ms.toFixed(1).padStart(8)}`),
          ].join('\n'),
        );
      } finally {
        await mem.close();
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
}
