import type { LongTermView, ShortTermView } from '../../../src/consolidation/memory-views.js';
import { h, replaceChildren, table } from '../dom.js';
import { formatDate, formatNumber, isRecord, truncate } from '../format.js';
import { operations } from '../operations.js';
import type { Panel, PanelContext } from '../panel.js';
import { activeMemoriesOf } from './active.js';

/** Short-term chunks per active memory and long-term chunks with validity and provenance. */
export const tiersPanel: Panel = async (context, root) => {
  const longTerm = h('section', { 'aria-labelledby': 'longterm-title' });
  replaceChildren(root, h('section', { 'aria-labelledby': 'shortterm-title' }, h('h2', { id: 'shortterm-title' }, 'Short-term memory'), await shortTermView(context)), longTerm);
  await renderLongTerm(context, longTerm, { includeEnded: true });
};

async function shortTermView(context: PanelContext): Promise<HTMLElement> {
  if (!context.api.offers(operations.shortTerm)) return h('p', { class: 'unavailable' }, `Not available: this server does not offer ${operations.shortTerm}.`);
  const memories = await activeMemoriesOf(context);
  const views = await Promise.all(
    memories.map(async (memory) => {
      const shortTerm = await context.api.call<ShortTermView>(operations.shortTerm, { params: { externalId: context.externalId, memoryId: memory.id } });
      const promotions = isRecord(shortTerm.metadata) && Array.isArray(shortTerm.metadata.promotionHistory) ? shortTerm.metadata.promotionHistory.length : 0;
      return h(
        'div',
        { class: 'card' },
        h('h3', {}, memory.title),
        shortTerm.id === null
          ? h('p', { class: 'muted' }, 'Not consolidated yet.')
          : [
              h(
                'p',
                { class: 'muted' },
                `Consolidations since the last promotion: ${shortTerm.updateCount} · promotions so far: ${promotions} · ${shortTerm.entities.length} entities, ${shortTerm.relationships.length} relationships`,
              ),
              table(`Short-term chunks of "${memory.title}"`, ['Section', 'Content', 'Created', 'Updated'], shortTerm.chunks.map((c) => [c.sectionId, c.content, formatDate(c.createdAt), formatDate(c.updatedAt)])),
            ],
      );
    }),
  );
  return views.length ? h('div', {}, views) : h('p', {}, 'No active memories, so no short-term memory.');
}

async function renderLongTerm(context: PanelContext, root: HTMLElement, filter: { asOf?: string; includeEnded: boolean }): Promise<void> {
  const heading = h('h2', { id: 'longterm-title' }, 'Long-term memory');
  if (!context.api.offers(operations.longTerm)) {
    replaceChildren(root, heading, h('p', { class: 'unavailable' }, `Not available: this server does not offer ${operations.longTerm}.`));
    return;
  }
  const asOf = h('input', { type: 'datetime-local', id: 'longterm-asof', value: filter.asOf?.slice(0, 16) });
  const includeEnded = h('input', { type: 'checkbox', id: 'longterm-ended', checked: filter.includeEnded });
  const form = h(
    'form',
    {
      class: 'filters',
      'on:submit': (event) => {
        event.preventDefault();
        void renderLongTerm(context, root, { asOf: asOf.value ? new Date(asOf.value).toISOString() : undefined, includeEnded: includeEnded.checked }).catch((error: Error) => context.notify(error.message, 'error'));
      },
    },
    h('label', { for: 'longterm-asof' }, 'Valid at'),
    asOf,
    h('label', {}, includeEnded, ' include ended chunks'),
    h('button', {}, 'Show'),
  );
  const { chunks } = await context.api.call<LongTermView>(operations.longTerm, { params: { externalId: context.externalId }, input: { asOf: filter.asOf, includeEnded: filter.asOf ? undefined : filter.includeEnded } });
  replaceChildren(
    root,
    heading,
    form,
    table(
      'Long-term chunks',
      ['Section', 'Content', 'Confidence', 'Importance', 'Valid from', 'Valid until', 'Provenance'],
      chunks.map((c) => [
        c.sectionId ?? '—',
        c.content,
        formatNumber(c.confidence),
        formatNumber(c.importance),
        formatDate(c.startDate),
        c.endDate ? `ended ${formatDate(c.endDate)}` : 'still valid',
        truncate([c.activeMemoryId && `memory ${c.activeMemoryId}`, c.sourceShorttermId && `short-term ${c.sourceShorttermId}`, `last updated ${formatDate(c.lastUpdated)}`].filter(Boolean).join(' · '), 160),
      ]),
    ),
  );
}
