import { CONVERSATION_GAP_MS } from '../../src/episodes/turn-context.js';
import type { Episodes } from '../../src/episodes/episodes.js';
import type { EpisodeInput } from '../../src/model/schemas/episode.js';

/** addEpisodes takes at most 10,000 episodes per call. */
const PER_CALL = 5_000;

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
