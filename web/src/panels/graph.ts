import type { LongTermView } from '../../../src/consolidation/memory-views.js';
import type { Entity } from '../../../src/model/tiers.js';
import { entityGraph } from '../charts/entity-graph.js';
import { timelineChart } from '../charts/timeline-chart.js';
import { h, replaceChildren, table, type Children } from '../dom.js';
import { formatDate, formatNumber } from '../format.js';
import { operations } from '../operations.js';
import type { Panel } from '../panel.js';
import { stateHistoryOf } from '../state-history.js';

/** Long-term entities and relationships as a graph; selecting an entity shows its history. */
export const graphPanel: Panel = async (context, root) => {
  const { entities, relationships } = await context.api.call<LongTermView>(operations.longTerm, { params: { externalId: context.externalId } });
  if (entities.length === 0) {
    replaceChildren(root, h('p', {}, `Agent "${context.externalId}" has no long-term entities yet.`));
    return;
  }
  const details = h('section', { class: 'card entity-details', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Select an entity to see its types, confidence and history.'));
  const show = (entity: Entity) => replaceChildren(details, entityDetails(entity));
  replaceChildren(
    root,
    h(
      'div',
      { class: 'graph-layout' },
      h('div', { class: 'card' }, h('h2', {}, 'Entity graph'), entityGraph(entities, relationships, show)),
      details,
    ),
    h(
      'nav',
      { 'aria-label': 'Entities' },
      h('h3', {}, 'All entities'),
      h('ul', { class: 'chips' }, entities.map((entity) => h('li', {}, h('button', { class: 'link', 'on:click': () => show(entity) }, entity.name)))),
    ),
  );
};

function entityDetails(entity: Entity): Children[] {
  const history = stateHistoryOf(entity.metadata);
  const charted = history.filter((change) => change.confidence !== undefined);
  return [
    h('h2', { 'data-testid': 'entity-name' }, entity.name),
    h(
      'dl',
      {},
      h('dt', {}, 'Types'),
      h('dd', {}, entity.types.length ? entity.types.join(', ') : '—'),
      h('dt', {}, 'Confidence'),
      h('dd', {}, formatNumber(entity.confidence)),
      h('dt', {}, 'Description'),
      h('dd', {}, entity.description || '—'),
      h('dt', {}, 'Known since'),
      h('dd', {}, formatDate(entity.createdAt)),
    ),
    h('h3', {}, 'State history'),
    charted.length
      ? timelineChart(`Confidence of ${entity.name} over time`, charted.map((c) => ({ at: c.at, value: c.confidence!, label: `confidence ${formatNumber(c.confidence)}; types ${c.types.join(', ') || '—'}` })))
      : null,
    history.length
      ? table(
          `State history of ${entity.name}`,
          ['When', 'Types', 'Confidence', 'From short-term memory'],
          history.map((c) => [formatDate(c.at.toISOString()), c.types.join(', ') || '—', formatNumber(c.confidence), c.sourceShorttermId ?? '—']),
        )
      : h('p', { class: 'muted' }, 'No recorded changes.'),
  ];
}
