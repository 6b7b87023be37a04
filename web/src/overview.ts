import type { MemStatus } from '../../src/runtime/status.js';
import { MARKS } from './charts/runs-timeline.js';
import { h, table } from './dom.js';
import { describeRecord, formatDate } from './format.js';

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

/** The page the inspector opens on: the store and models, the tenant's counts, its background work and newest runs. */
export function overview(status: MemStatus, onOpenAgent: (externalId: string) => void): HTMLElement {
  const { store, counts, background } = status;
  const pool = store.pool ? `, ${store.pool.total - store.pool.idle} of ${store.pool.size} connections in use, ${store.pool.waiting} waiting` : '';
  const { pending, worker } = background;
  const agent = (externalId: string) => h('button', { class: 'link', 'on:click': () => onOpenAgent(externalId) }, externalId);
  return h(
    'section',
    { class: 'overview', 'aria-label': 'Overview' },
    h('h2', {}, 'Overview'),
    h(
      'div',
      { class: 'cards' },
      h(
        'div',
        { class: 'card' },
        h('h3', {}, 'Store'),
        h('p', {}, `${store.kind}, schema version ${store.schemaVersion}, vectors: ${store.vectors}${pool}`),
        h('p', {}, `Embedder ${status.embedder.id} (${status.embedder.dimensions} dimensions); ${status.llm ? 'a language model is configured' : 'no language model (deterministic paths)'}; agent-mem ${status.version}`),
      ),
      h(
        'div',
        { class: 'card' },
        h('h3', {}, 'Memory'),
        h(
          'ul',
          { class: 'tier-counts' },
          h('li', {}, plural(counts.scopes, 'agent')),
          h('li', {}, plural(counts.activeMemories, 'active memory', 'active memories')),
          h('li', {}, plural(counts.episodes, 'episode')),
          h('li', {}, plural(counts.facts, 'current fact')),
        ),
      ),
      h(
        'div',
        { class: 'card' },
        h('h3', {}, 'Background work'),
        h(
          'ul',
          {},
          h('li', {}, `${plural(pending.consolidations, 'consolidation')} pending`),
          h('li', {}, `${plural(pending.sleepCyclesQueued, 'sleep cycle')} queued, ${pending.sleepCyclesRunning} running`),
          h('li', {}, worker.running ? `This server's worker runs ${worker.inProgress.length} of at most ${worker.concurrency} at once, looking every ${worker.pollMs} ms` : 'No worker runs in this server'),
        ),
      ),
    ),
    background.queue.length
      ? table(
          'Queued sleep cycles, in the order workers take them',
          ['Agent', 'Trigger', 'Priority', 'Queued'],
          background.queue.map((task) => [agent(task.scope.externalId), task.trigger, task.priority, formatDate(task.enqueuedAt)]),
        )
      : h('p', { class: 'muted' }, 'No sleep cycle is queued.'),
    background.recentRuns.length
      ? table(
          'Newest runs',
          ['Started', 'Agent', 'Kind', 'Trigger', 'Status', 'Counts'],
          background.recentRuns.map((run) => [
            formatDate(run.startedAt),
            agent(run.externalId),
            run.kind,
            run.trigger,
            `${MARKS[run.status].symbol} ${MARKS[run.status].word}`,
            describeRecord(run.counts) || '—',
          ]),
        )
      : h('p', { class: 'muted' }, 'No runs yet.'),
  );
}
