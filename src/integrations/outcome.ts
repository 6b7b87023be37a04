import type { Episode } from '../model/episode.js';
import type { AddEpisodeInput } from '../model/schemas/episode.js';
import { recordOutcomeSchema, type RecordOutcomeInput } from '../model/schemas/integration.js';
import { parseInput } from '../model/validate.js';

/** A failure is worth remembering a little more than a success. */
const IMPORTANCE = { success: 0.6, failure: 0.8 };

/** Stores how a task went as a `task_outcome` episode (tagged `success` or `failure`). */
export async function recordOutcome(addEpisode: (input: AddEpisodeInput) => Promise<Episode>, input: RecordOutcomeInput): Promise<Episode> {
  const parsed = parseInput(recordOutcomeSchema, input, 'recordOutcome input');
  const verdict = parsed.success ? 'success' : 'failure';
  return addEpisode({
    externalId: parsed.externalId,
    type: 'task_outcome',
    text: `Task: ${parsed.task}\nOutcome (${verdict}): ${parsed.outcome}`,
    importance: IMPORTANCE[verdict],
    tags: ['task_outcome', verdict],
    metadata: { ...parsed.metadata, task: parsed.task, outcome: parsed.outcome, success: parsed.success },
  });
}
