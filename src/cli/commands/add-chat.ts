import type { Command } from 'commander';
import type { Episode } from '../../model/episode.js';
import { messageSchema, type MessageInput } from '../../model/schemas/message.js';
import { parseInput } from '../../model/validate.js';
import { globalOptions, withMem } from '../global-options.js';
import { atLine, readJsonLines } from '../json-lines.js';
import { printResult } from '../output.js';

/** addMessages takes at most this many messages per call; a longer chat continues its session over several. */
const PER_CALL = 10_000;

export function registerAddChat(program: Command): void {
  program
    .command('add-chat')
    .description('record a chat (JSON lines of {role, name?, content, createdAt?, metadata?}, from a file or stdin) as conversation turns of one session')
    .argument('<externalId>', 'the agent or user the memory is about')
    .argument('<file>', 'the JSON-lines file, or - for stdin')
    .option('--session <id>', 'the session the messages continue (default: a new one)')
    .action((externalId: string, file: string, options: { session?: string }, command: Command) => {
      const global = globalOptions(command);
      return withMem(global, async (mem) => {
        // Every line is checked before anything is written.
        const messages: MessageInput[] = [];
        for await (const { line, value } of readJsonLines(file)) {
          try {
            messages.push(parseInput(messageSchema, value, 'message'));
          } catch (error) {
            throw atLine(line, error);
          }
        }
        let sessionId = options.session;
        const stored: Episode[] = [];
        for (let start = 0; start === 0 || start < messages.length; start += PER_CALL) {
          const episodes = await mem.addMessages({ externalId, ...(sessionId !== undefined && { sessionId }), messages: messages.slice(start, start + PER_CALL) });
          sessionId = episodes[0]!.sessionId!;
          stored.push(...episodes);
        }
        printResult(global.json, { sessionId, episodes: stored }, (r) => `${r.episodes.length} messages recorded in session ${r.sessionId}`);
      });
    });
}
