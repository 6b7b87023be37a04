import type { Fact } from '../../../src/model/fact.js';
import { confirmAction } from '../confirm.js';
import { h, replaceChildren, table } from '../dom.js';
import { formatDate, formatNumber, truncate } from '../format.js';
import { operations } from '../operations.js';
import { runAction, type Panel, type PanelContext } from '../panel.js';

interface FactFilter {
  category: string;
  keyPrefix: string;
}

/** Current facts with filters, each key's history, and deletion of a key with all its versions. */
export const factsPanel: Panel = async (context, root) => {
  await renderFacts(context, root, { category: '', keyPrefix: '' });
};

async function renderFacts(context: PanelContext, root: HTMLElement, filter: FactFilter): Promise<void> {
  const category = h('input', { id: 'fact-category', value: filter.category });
  const keyPrefix = h('input', { id: 'fact-prefix', type: 'search', value: filter.keyPrefix });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter facts' },
    h('label', { for: 'fact-category' }, 'Category'),
    category,
    h('label', { for: 'fact-prefix' }, 'Key starts with'),
    keyPrefix,
    h('button', {}, 'Filter'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runAction(context, () => renderFacts(context, root, { category: category.value.trim(), keyPrefix: keyPrefix.value.trim() }));
  });
  const { facts } = await context.api.call<{ facts: Fact[] }>(operations.listFacts, {
    params: { externalId: context.externalId },
    input: { category: filter.category || undefined, keyPrefix: filter.keyPrefix || undefined },
  });
  const history = h('section', { 'aria-live': 'polite' });
  const actions = (fact: Fact) =>
    h(
      'div',
      { class: 'row-actions' },
      context.api.offers(operations.factHistory) ? h('button', { 'on:click': () => void runAction(context, () => showHistory(context, fact.key, history)) }, 'History') : null,
      context.api.offers(operations.deleteFact) ? h('button', { class: 'danger', 'on:click': () => void runAction(context, () => deleteFact(context, fact, root, filter)) }, 'Delete') : null,
    );
  replaceChildren(
    root,
    form,
    facts.length
      ? table(
          `${facts.length} fact${facts.length === 1 ? '' : 's'}`,
          ['Key', 'Value', 'Category', 'Subject · predicate', 'Confidence', 'Evidence', 'Since', ''],
          facts.map((fact) => [
            h('code', {}, fact.key),
            fact.value,
            fact.category,
            [fact.subject, fact.predicate].filter(Boolean).join(' · ') || '—',
            formatNumber(fact.confidence),
            fact.evidenceIds.length ? `${fact.evidenceIds.length} episode${fact.evidenceIds.length === 1 ? '' : 's'}` : '—',
            formatDate(fact.validFrom),
            actions(fact),
          ]),
        )
      : h('p', {}, 'No facts match.'),
    history,
  );
}

async function showHistory(context: PanelContext, key: string, target: HTMLElement): Promise<void> {
  const { versions } = await context.api.call<{ versions: Fact[] }>(operations.factHistory, { params: { externalId: context.externalId, key } });
  replaceChildren(
    target,
    h('h2', {}, `History of ${key}`),
    table(
      `${versions.length} version${versions.length === 1 ? '' : 's'}, oldest first`,
      ['Value', 'Valid from', 'Valid until', 'Confidence', 'Evidence'],
      versions.map((v) => [v.value, formatDate(v.validFrom), v.validTo ? formatDate(v.validTo) : 'current', formatNumber(v.confidence), v.evidenceIds.join(', ') || '—']),
    ),
  );
}

async function deleteFact(context: PanelContext, fact: Fact, root: HTMLElement, filter: FactFilter): Promise<void> {
  const confirmed = await confirmAction(
    `Delete the fact ${fact.key}?`,
    [`Key "${fact.key}" of agent "${context.externalId}", current value “${truncate(fact.value, 120)}”.`, 'Every version of this key is removed, including its history.'],
    'Delete fact',
  );
  if (!confirmed) return;
  await context.api.call(operations.deleteFact, { params: { externalId: context.externalId, key: fact.key } });
  context.notify(`Deleted fact ${fact.key}.`);
  await renderFacts(context, root, filter);
}
