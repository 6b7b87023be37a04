import type { ActiveMemory, ConsolidationInfo } from '../../../src/model/active-memory.js';
import type { ConsolidationRun } from '../../../src/model/run.js';
import { h, replaceChildren } from '../dom.js';
import { describeRecord, formatDate } from '../format.js';
import { operations } from '../operations.js';
import { runAction, type Panel, type PanelContext } from '../panel.js';

/** Each active memory with its sections: content, update count, and a batch edit. */
export const activePanel: Panel = async (context, root) => {
  const memories = await activeMemoriesOf(context);
  if (memories.length === 0) {
    replaceChildren(root, h('p', {}, `Agent "${context.externalId}" has no active memories.`));
    return;
  }
  replaceChildren(root, memories.map((memory) => memoryCard(context, memory)));
};

export async function activeMemoriesOf(context: PanelContext): Promise<ActiveMemory[]> {
  const { memories } = await context.api.call<{ memories: ActiveMemory[] }>(operations.activeMemories, { params: { externalId: context.externalId } });
  return memories;
}

function consolidationLine(info: ConsolidationInfo): string {
  const when = info.willConsolidate ? 'consolidation has started' : `consolidation runs at ${info.threshold} updates`;
  return `Total updates: ${info.totalUpdateCount}; ${when}.`;
}

function memoryCard(context: PanelContext, memory: ActiveMemory, info?: ConsolidationInfo): HTMLElement {
  const editors = new Map<string, HTMLTextAreaElement>();
  const sections = memory.sections.map((section) => {
    const fieldId = `section-${memory.id}-${section.id}`;
    const editor = h('textarea', { id: fieldId, rows: 3, 'data-section': section.id }, section.content);
    editors.set(section.id, editor);
    return h(
      'div',
      { class: 'section', 'data-section': section.id },
      h(
        'div',
        { class: 'section-head' },
        h('label', { for: fieldId }, section.title ?? section.id, section.title ? h('span', { class: 'muted' }, ` (${section.id})`) : null),
        h('span', { class: 'badge', 'data-testid': 'update-count' }, `Updates: ${section.updateCount}`),
        h('span', { class: 'muted' }, `updated ${formatDate(section.updatedAt)}`),
      ),
      section.description ? h('p', { class: 'muted' }, section.description) : null,
      editor,
    );
  });

  const card = h('article', { class: 'card', 'data-memory': memory.id });
  const save = async () => {
    const changed = memory.sections
      .filter((section) => editors.get(section.id)!.value !== section.content)
      .map((section) => ({ sectionId: section.id, newContent: editors.get(section.id)!.value }));
    if (changed.length === 0) return context.notify('No section changed.');
    const result = await context.api.call<{ memory: ActiveMemory; consolidationInfo: ConsolidationInfo }>(operations.updateSections, {
      params: { externalId: context.externalId, memoryId: memory.id },
      input: { sections: changed },
    });
    card.replaceWith(memoryCard(context, result.memory, result.consolidationInfo));
    context.notify(`Saved ${changed.length} section${changed.length === 1 ? '' : 's'} of "${memory.title}".`);
  };
  const consolidate = async () => {
    const run = await context.api.call<ConsolidationRun>(operations.consolidate, { params: { externalId: context.externalId, memoryId: memory.id } });
    const counts = describeRecord(run.counts);
    context.notify(`Consolidation of "${memory.title}": ${run.status}${counts ? ` (${counts})` : ''}${run.error ? `: ${run.error}` : ''}.`);
    context.reload();
  };

  replaceChildren(
    card,
    h('h2', {}, memory.title),
    h('p', { class: 'muted' }, `id ${memory.id} · created ${formatDate(memory.createdAt)} · updated ${formatDate(memory.updatedAt)}`),
    info ? h('p', { class: 'info', 'data-testid': 'consolidation-info' }, consolidationLine(info)) : null,
    sections,
    h(
      'div',
      { class: 'actions' },
      h('button', { 'on:click': () => void runAction(context, save) }, 'Save changed sections'),
      context.api.offers(operations.consolidate) ? h('button', { 'on:click': () => void runAction(context, consolidate) }, 'Consolidate now') : null,
    ),
  );
  return card;
}
