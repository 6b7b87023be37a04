/**
 * Consolidation and promotion time with the heuristic extractor (no model) for 10 / 100 / 1,000
 * updated sections, on the embedded store (or PostgreSQL with --database-url=...).
 *
 *   npm run bench:consolidation [-- --sizes=10,100,1000 --database-url=postgres://...]
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { AgentMem } from '../src/agent-mem.js';
import { flag, markdownTable, writeResults } from './support/report.js';

const PEOPLE = ['Alice Johnson', 'Bob Smith', 'Carol White', 'David Brown', 'Emma Davis', 'Frank Miller', 'Grace Wilson', 'Henry Moore'];
const PLACES = ['Paris', 'Berlin', 'Lisbon', 'Kyoto', 'Toronto', 'Madrid', 'Oslo', 'Chicago'];
const ORGS = ['Google', 'Microsoft', 'the United Nations', 'Acme Corp', 'Stanford University'];

function sectionText(i: number, round: number): string {
  const person = PEOPLE[i % PEOPLE.length]!;
  const other = PEOPLE[(i + 3) % PEOPLE.length]!;
  const place = PLACES[(i + round) % PLACES.length]!;
  const org = ORGS[i % ORGS.length]!;
  return `${person} met ${other} in ${place} on Monday. They talked about project ${i} at ${org}.\n\nNote ${i}: ${person} prefers tea over coffee and plans a trip in round ${round}.`;
}

interface Row {
  sections: number;
  consolidationMs: number;
  chunks: number;
  entities: number;
  relationships: number;
  secondConsolidationMs: number;
  promotionMs: number;
  longtermChunks: number;
}

async function measure(sections: number, location: { dataDir?: string; databaseUrl?: string }): Promise<Row> {
  const mem = await AgentMem.open({ ...location, tenantId: `bench-${sections}`, config: { avgSectionUpdateCountForConsolidation: 1000, shorttermUpdateCountThreshold: 2 } });
  try {
    const externalId = `bench-${Date.now()}`;
    const ids = Array.from({ length: sections }, (_, i) => `s${i}`);
    const memory = await mem.createActiveMemory({ externalId, title: 'Bench', template: { sections: ids.map((id) => ({ id })) } });
    const update = (round: number) =>
      mem.updateActiveMemorySections({ externalId, memoryId: memory.id, sections: ids.map((sectionId, i) => ({ sectionId, newContent: sectionText(i, round) })) });

    await update(0);
    let started = performance.now();
    const first = await mem.consolidate({ externalId, memoryId: memory.id });
    const consolidationMs = performance.now() - started;
    if (first.status !== 'succeeded') throw new Error(`consolidation ${first.status}: ${first.error ?? JSON.stringify(first.report)}`);
    const shortterm = await mem.getShortTermMemory({ externalId, memoryId: memory.id });

    await update(1);
    started = performance.now();
    const second = await mem.consolidate({ externalId, memoryId: memory.id });
    const secondTotal = performance.now() - started;
    const promotion = await mem.getConsolidationRun({ externalId, runId: String(second.report.promotionRunId) });
    const promotionMs = Date.parse(promotion.finishedAt!) - Date.parse(promotion.startedAt);
    const longterm = await mem.getLongTermMemory({ externalId });
    return {
      sections,
      consolidationMs,
      chunks: shortterm.chunks.length,
      entities: shortterm.entities.length,
      relationships: shortterm.relationships.length,
      secondConsolidationMs: secondTotal - promotionMs,
      promotionMs,
      longtermChunks: longterm.chunks.length,
    };
  } finally {
    await mem.close();
  }
}

const argv = process.argv.slice(2);
const sizes = (flag(argv, 'sizes') ?? '10,100,1000').split(',').map(Number);
const databaseUrl = flag(argv, 'database-url');
const location = databaseUrl ? { databaseUrl } : { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mem-bench-consolidation-')) };
// Load the embedding model once so the first size does not pay for it.
await measure(2, location);
const rows: Row[] = [];
for (const size of sizes) rows.push(await measure(size, location));

console.log(`consolidation bench (${databaseUrl ? 'postgres' : 'sqlite'}, heuristic extractor, no model, ${os.cpus().length} CPUs)\n`);
console.log(
  markdownTable(
    ['updated sections', 'consolidation ms', 'short-term chunks', 'entities', 'relationships', 'next consolidation ms', 'promotion ms', 'long-term chunks'],
    rows.map((r) => [r.sections, Math.round(r.consolidationMs), r.chunks, r.entities, r.relationships, Math.round(r.secondConsolidationMs), Math.round(r.promotionMs), r.longtermChunks]),
  ),
);
console.log(`\nwrote ${writeResults(`consolidation-${databaseUrl ? 'postgres' : 'sqlite'}`, { benchmark: 'consolidation', store: databaseUrl ? 'postgres' : 'sqlite', rows })}`);
