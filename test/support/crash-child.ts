/**
 * Child process for the kill -9 tests: opens AgentMem at the given location, prints `ready`, then
 * makes one kind of multi-row write over and over (printing `done <n>` after each) until the parent
 * kills it. Every row a call writes carries the call's marker (`round<r>call<n>`), so the parent
 * can tell, after reopening, whether each call left all of its rows or none.
 */
import { AgentMem } from '../../src/agent-mem.js';
import { RecordImporter } from '../../src/cli/records.js';
import { IMPORT_BATCH, marker, type CrashChildArgs, type CrashMode } from './crash-checks.js';
import { WordEmbedder } from './word-embedder.js';

const args = JSON.parse(process.argv[2]!) as CrashChildArgs;
const { externalId, round, size } = args;
const mem = await AgentMem.open({
  ...args.location,
  embedder: new WordEmbedder(),
  config: {
    lockTtlSeconds: 1,
    avgSectionUpdateCountForConsolidation: 1000,
    shorttermUpdateCountThreshold: args.mode === 'promote' ? 1 : 10_000,
    historyLimit: 10_000,
  },
});
process.stdout.write('ready\n');

const topics = ['coffee brewing at dawn', 'mountain hiking trails', 'jazz piano records'];

const calls: Record<CrashMode, (call: number) => Promise<unknown>> = {
  episodes: (call) => mem.addEpisodes({ externalId, episodes: Array.from({ length: size }, (_, i) => ({ text: `${marker(round, call)} event ${i}` })) }),
  messages: (call) =>
    mem.addMessages({ externalId, messages: Array.from({ length: size }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `${marker(round, call)} turn ${i}` })) }),
  // An import of `size` records through the CLI's importer: atomic per batch of IMPORT_BATCH episodes.
  import: async (call) => {
    const importer = new RecordImporter(mem);
    for (let i = 0; i < size; i++) {
      const batch = Math.floor(i / IMPORT_BATCH);
      await importer.add({ kind: 'episode', externalId, text: `${marker(round, call)}batch${batch} record ${i}`, type: 'episodic_event', importance: 0.5, confidence: 0.5, emotionalValence: 0, tags: [], metadata: {}, occurredAt: new Date().toISOString() });
    }
    await importer.flush();
  },
  consolidate: (call) => updateThenConsolidate(call),
  promote: (call) => updateThenConsolidate(call),
  sleep: async (call) => {
    const episodes = topics.flatMap((topic) => Array.from({ length: size }, (_, i) => ({ text: `${marker(round, call)} ${topic} note ${i}`, importance: 0.9 })));
    await mem.addEpisodes({ externalId, episodes });
    await mem.runSleepCycle({ externalId, minClusterSize: 2 });
  },
};

/** Rewrites every section (each sentence names the call) and consolidates. */
async function updateThenConsolidate(call: number): Promise<void> {
  const memoryId = args.memoryId!;
  const sections = Array.from({ length: size }, (_, s) => ({
    sectionId: `s${s}`,
    newContent: `${marker(round, call)} Alice Johnson met Bob Smith in Paris about project ${s}. Carol Lee joined them at Google in Berlin.`,
  }));
  await mem.updateActiveMemorySections({ externalId, memoryId, sections });
  await mem.consolidate({ externalId, memoryId });
}

for (let call = 0; ; call++) {
  await calls[args.mode](call);
  process.stdout.write(`done ${call}\n`);
}
