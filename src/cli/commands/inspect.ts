import type { Command } from 'commander';
import type { AgentMem } from '../../agent-mem.js';
import { globalOptions, withMem } from '../global-options.js';
import { printResult } from '../output.js';
import { parsePositiveInt } from '../parse.js';
import { clip, renderTree, type TreeNode } from '../tree.js';

type Tiers = Awaited<ReturnType<typeof readTiers>>;

async function readTiers(mem: AgentMem, externalId: string, memoryId: string | undefined, newest: number) {
  const memories = memoryId ? [await mem.getActiveMemory({ externalId, memoryId })] : await mem.getActiveMemories({ externalId });
  const active = await Promise.all(memories.map(async (memory) => ({ memory, shortTerm: await mem.getShortTermMemory({ externalId, memoryId: memory.id }) })));
  const longTerm = await mem.getLongTermMemory({ externalId });
  const episodes = await mem.listEpisodes({ externalId, limit: newest });
  const facts = await mem.listFacts({ externalId });
  return { externalId, active, longTerm, episodes: episodes.items, facts };
}

function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

function tree(t: Tiers): TreeNode[] {
  const active: TreeNode[] = t.active.map(({ memory, shortTerm }) => ({
    label: `active memory "${memory.title}" ${memory.id}`,
    children: [
      ...memory.sections.map((s) => ({ label: `${s.id} [${count(s.updateCount, 'update')}]: ${s.content ? clip(s.content) : '(empty)'}` })),
      {
        label: `short-term: ${count(shortTerm.chunks.length, 'chunk')}, ${count(shortTerm.entities.length, 'entity', 'entities')}, ${count(shortTerm.relationships.length, 'relationship')} (consolidated ${shortTerm.updateCount}×)`,
        children: [
          ...shortTerm.chunks.map((c) => ({ label: `chunk [${c.sectionId}] ${clip(c.content)}` })),
          ...shortTerm.entities.map((e) => ({ label: `entity ${e.name} (${e.types.join(', ')})` })),
          ...shortTerm.relationships.map((r) => ({ label: `${r.sourceName} —${r.type}→ ${r.targetName}` })),
        ],
      },
    ],
  }));
  const lt = t.longTerm;
  return [
    ...active,
    {
      label: `long-term: ${count(lt.chunks.length, 'chunk')}, ${count(lt.entities.length, 'entity', 'entities')}, ${count(lt.relationships.length, 'relationship')}`,
      children: [
        ...lt.chunks.map((c) => ({ label: `chunk (confidence ${c.confidence.toFixed(2)}, since ${c.startDate.slice(0, 10)}${c.endDate ? ` until ${c.endDate.slice(0, 10)}` : ''}) ${clip(c.content)}` })),
        ...lt.entities.map((e) => ({ label: `entity ${e.name} (${e.types.join(', ')}, confidence ${e.confidence.toFixed(2)})` })),
        ...lt.relationships.map((r) => ({ label: `${r.sourceName} —${r.type}→ ${r.targetName} (strength ${r.strength.toFixed(2)})` })),
      ],
    },
    { label: `episodes (newest ${t.episodes.length})`, children: t.episodes.map((e) => ({ label: `${e.occurredAt.slice(0, 16)} ${e.type} [${e.status}] ${clip(e.text)}` })) },
    { label: count(t.facts.length, 'fact'), children: t.facts.map((f) => ({ label: `${f.key} = ${clip(f.value)} (${f.category}, confidence ${f.confidence.toFixed(2)})` })) },
  ];
}

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description("show <externalId>'s memory tiers as a tree: active memories, short-term, long-term, episodes, facts")
    .argument('<externalId>', 'the agent or user the memory is about')
    .argument('[memoryId]', 'only this active memory')
    .option('--episodes <n>', 'newest episodes shown (default 10)', parsePositiveInt, 10)
    .action((externalId: string, memoryId: string | undefined, options: { episodes: number }, command: Command) => {
      const global = globalOptions(command);
      return withMem(global, async (mem) => {
        const tiers = await readTiers(mem, externalId, memoryId, options.episodes);
        printResult(global.json, tiers, (t) => [t.externalId, ...renderTree(tree(t))].join('\n'));
      });
    });
}
