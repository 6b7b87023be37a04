import type { Command } from 'commander';
import { EPISODE_TYPES, type EpisodeType } from '../../model/episode.js';
import { globalOptions, withMem } from '../global-options.js';
import { printResult } from '../output.js';
import { collectList, parseUnit } from '../parse.js';

interface AddOptions {
  type?: EpisodeType;
  importance?: number;
  tag?: string[];
  fact?: string;
}

export function registerAdd(program: Command): void {
  program
    .command('add')
    .description('record an episode about <externalId>, or with --fact <key> write a fact')
    .argument('<externalId>', 'the agent or user the memory is about')
    .argument('<text...>', 'what happened (or the fact value with --fact)')
    .option('--type <type>', `episode type: ${EPISODE_TYPES.join(', ')}`)
    .option('--importance <0-1>', 'episode importance (default 0.5)', parseUnit)
    .option('--tag <tags>', 'episode tags (comma-separated, repeatable)', collectList)
    .option('--fact <key>', 'write the text as the value of this fact key instead')
    .action((externalId: string, words: string[], options: AddOptions, command: Command) => {
      const global = globalOptions(command);
      const text = words.join(' ');
      return withMem(global, async (mem) => {
        if (options.fact) {
          const fact = await mem.putFact({ externalId, key: options.fact, value: text });
          return printResult(global.json, fact, (f) => `fact ${f.key} = ${f.value}`);
        }
        const episode = await mem.addEpisode({ externalId, text, type: options.type, importance: options.importance, tags: options.tag });
        printResult(global.json, episode, (e) => `episode ${e.id} (${e.type}) recorded`);
      });
    });
}
