import { CONVERSATION_GAP_MS } from '../../src/episodes/turn-context.js';
import type { Episodes } from '../../src/episodes/episodes.js';
import type { Messages } from '../../src/episodes/messages.js';
import type { EpisodeInput } from '../../src/model/schemas/episode.js';
import type { MessageInput } from '../../src/model/schemas/message.js';
import { flag } from './report.js';

/** addEpisodes takes at most 10,000 episodes per call. */
const PER_CALL = 5_000;

/**
 * How a benchmark writes its conversations: `episodes` (addEpisodes, typed turns, in calls of up to
 * 5,000), `messages` (addMessages, one call per session) or `messages-live` (addMessages, one call per
 * message, as a live agent records them).
 */
export const INGEST_PATHS = ['episodes', 'messages', 'messages-live'] as const;
export type IngestPath = (typeof INGEST_PATHS)[number];

export function ingestPathFrom(argv: readonly string[]): IngestPath {
  const path = flag(argv, 'ingest') ?? 'episodes';
  if (!(INGEST_PATHS as readonly string[]).includes(path)) throw new Error(`--ingest must be one of ${INGEST_PATHS.join(', ')}, got "${path}"`);
  return path as IngestPath;
}

/** One conversation session of a benchmark, as messages and as the episodes the `episodes` path writes. */
export interface BenchSession {
  sessionId: string;
  messages: MessageInput[];
  episodes: EpisodeInput[];
}

const apart = (a: EpisodeInput, b: EpisodeInput) => Math.abs(Date.parse(b.occurredAt!) - Date.parse(a.occurredAt!)) > CONVERSATION_GAP_MS;

/** Adds episodes in calls of at most 5,000, each cut between two conversations so no turn loses its neighbours. */
export async function addInCalls(episodes: Pick<Episodes, 'addMany'>, externalId: string, inputs: EpisodeInput[]): Promise<void> {
  for (let start = 0; start < inputs.length; ) {
    let end = Math.min(start + PER_CALL, inputs.length);
    let cut = end;
    while (cut < inputs.length && cut > start + 1 && !apart(inputs[cut - 1]!, inputs[cut]!)) cut--;
    if (cut > start + 1) end = cut;
    await episodes.addMany({ externalId, episodes: inputs.slice(start, end) });
    start = end;
  }
}

/** Writes the sessions of one scope by the chosen path. */
export async function ingestSessions(engines: { episodes: Pick<Episodes, 'addMany'>; messages: Pick<Messages, 'add'> }, externalId: string, sessions: BenchSession[], path: IngestPath): Promise<void> {
  if (path === 'episodes') return addInCalls(engines.episodes, externalId, sessions.flatMap((s) => s.episodes));
  for (const { sessionId, messages } of sessions) {
    if (path === 'messages') await engines.messages.add({ externalId, sessionId, messages });
    else for (const message of messages) await engines.messages.add({ externalId, sessionId, messages: [message] });
  }
}
