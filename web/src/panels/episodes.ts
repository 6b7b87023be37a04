import { EPISODE_STATUSES, EPISODE_TYPES, type Episode } from '../../../src/model/episode.js';
import type { Page } from '../../../src/store/port.js';
import { confirmAction } from '../confirm.js';
import { h, replaceChildren, table } from '../dom.js';
import { formatDate, formatNumber, truncate } from '../format.js';
import { operations } from '../operations.js';
import { runAction, type Panel, type PanelContext } from '../panel.js';

interface EpisodeFilter {
  type: string;
  status: string;
  tag: string;
  text: string;
}

/** Episodes with filters and paging; each can be deleted after a confirmation. */
export const episodesPanel: Panel = async (context, root) => {
  await renderEpisodes(context, root, { type: '', status: '', tag: '', text: '' });
};

function select(id: string, label: string, values: readonly string[], current: string): HTMLElement[] {
  return [
    h('label', { for: id }, label),
    h('select', { id }, h('option', { value: '' }, 'any'), values.map((v) => h('option', { value: v, selected: v === current }, v))),
  ];
}

async function renderEpisodes(context: PanelContext, root: HTMLElement, filter: EpisodeFilter): Promise<void> {
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter episodes' },
    select('episode-type', 'Type', EPISODE_TYPES, filter.type),
    select('episode-status', 'Status', EPISODE_STATUSES, filter.status),
    h('label', { for: 'episode-tag' }, 'Tag'),
    h('input', { id: 'episode-tag', value: filter.tag }),
    h('label', { for: 'episode-text' }, 'Text contains'),
    h('input', { id: 'episode-text', type: 'search', value: filter.text }),
    h('button', {}, 'Filter'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (id: string) => (form.querySelector(`#${id}`) as HTMLInputElement | HTMLSelectElement).value.trim();
    void runAction(context, () => renderEpisodes(context, root, { type: value('episode-type'), status: value('episode-status'), tag: value('episode-tag'), text: value('episode-text') }));
  });
  const rows = h('div', {});
  const more = h('div', { class: 'actions' });
  replaceChildren(root, form, rows, more);

  const episodes: Episode[] = [];
  const loadPage = async (cursor?: string) => {
    const page = await context.api.call<Page<Episode>>(operations.listEpisodes, {
      params: { externalId: context.externalId },
      input: {
        types: filter.type ? [filter.type] : undefined,
        statuses: filter.status ? [filter.status] : undefined,
        tags: filter.tag ? [filter.tag] : undefined,
        textContains: filter.text || undefined,
        limit: 50,
        cursor,
      },
    });
    episodes.push(...page.items);
    replaceChildren(rows, episodeTable(context, episodes, root, filter));
    const next = page.nextCursor;
    replaceChildren(more, next ? h('button', { 'on:click': () => void runAction(context, () => loadPage(next)) }, 'Load more') : null);
  };
  await loadPage();
}

function episodeTable(context: PanelContext, episodes: Episode[], root: HTMLElement, filter: EpisodeFilter): HTMLElement {
  if (episodes.length === 0) return h('p', {}, 'No episodes match.');
  const canDelete = context.api.offers(operations.deleteEpisode);
  return table(
    `${episodes.length} episode${episodes.length === 1 ? '' : 's'}`,
    ['When', 'Type', 'Text', 'Importance', 'Confidence', 'Valence', 'Tags', 'Status', 'Accessed', ''],
    episodes.map((episode) => [
      formatDate(episode.occurredAt),
      episode.type,
      h('span', { 'data-episode': episode.id }, episode.text),
      formatNumber(episode.importance),
      formatNumber(episode.confidence),
      formatNumber(episode.emotionalValence),
      episode.tags.join(', ') || '—',
      episode.status,
      `${episode.accessCount}×${episode.lastAccessedAt ? `, last ${formatDate(episode.lastAccessedAt)}` : ''}`,
      canDelete ? h('button', { class: 'danger', 'aria-label': `Delete episode: ${truncate(episode.text, 40)}`, 'on:click': () => void runAction(context, () => deleteEpisode(context, episode, root, filter)) }, 'Delete') : null,
    ]),
  );
}

async function deleteEpisode(context: PanelContext, episode: Episode, root: HTMLElement, filter: EpisodeFilter): Promise<void> {
  const confirmed = await confirmAction(
    'Delete this episode?',
    [`Episode ${episode.id} of agent "${context.externalId}" (${episode.type}, ${formatDate(episode.occurredAt)}):`, `“${truncate(episode.text, 200)}”`, 'It is removed from the store and from search. Facts that cite it as evidence keep their values.'],
    'Delete episode',
  );
  if (!confirmed) return;
  await context.api.call(operations.deleteEpisode, { params: { externalId: context.externalId, episodeId: episode.id } });
  context.notify(`Deleted episode “${truncate(episode.text, 60)}”.`);
  await renderEpisodes(context, root, filter);
}
