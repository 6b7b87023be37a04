import type { Provenance, RetrievedMemory } from '../../../src/model/retrieval.js';
import { TIERS } from '../../../src/model/tiers.js';
import { h, replaceChildren, table } from '../dom.js';
import { describeRecord, formatDate, formatNumber, truncate } from '../format.js';
import { operations } from '../operations.js';
import { runAction, type Panel, type PanelContext } from '../panel.js';

/** Hybrid retrieval over the tiers: each result's tier, fused score and its parts, provenance. */
export const searchPanel: Panel = async (context, root) => {
  const query = h('input', { id: 'search-query', type: 'search', required: true, placeholder: 'What does the agent know about…' });
  const tiers = TIERS.map((tier) => h('input', { type: 'checkbox', value: tier, checked: true }));
  const asOf = h('input', { id: 'search-asof', type: 'datetime-local' });
  const limit = h('input', { id: 'search-limit', type: 'number', min: 1, max: 100, value: 10 });
  const results = h('section', { 'aria-live': 'polite', 'data-testid': 'search-results' });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Search memories' },
    h('label', { for: 'search-query' }, 'Query'),
    query,
    h('fieldset', {}, h('legend', {}, 'Tiers'), tiers.map((box) => h('label', {}, box, ` ${box.value}`))),
    h('label', { for: 'search-asof' }, 'Valid at'),
    asOf,
    h('label', { for: 'search-limit' }, 'Results'),
    limit,
    h('button', {}, 'Search'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runAction(context, () =>
      search(context, results, {
        query: query.value,
        tiers: tiers.filter((box) => box.checked).map((box) => box.value),
        asOf: asOf.value ? new Date(asOf.value).toISOString() : undefined,
        limit: Number(limit.value),
      }),
    );
  });
  replaceChildren(root, form, results);
};

async function search(context: PanelContext, target: HTMLElement, input: { query: string; tiers: string[]; asOf?: string; limit: number }): Promise<void> {
  const { results } = await context.api.call<{ results: RetrievedMemory[] }>(operations.search, { params: { externalId: context.externalId }, input });
  replaceChildren(
    target,
    results.length
      ? table(
          `${results.length} result${results.length === 1 ? '' : 's'} for “${truncate(input.query, 60)}”`,
          ['#', 'Tier', 'Score', 'Scores (fused and adjustments)', 'Content', 'Provenance'],
          results.map((result, i) => [
            String(i + 1),
            h('span', { class: 'badge' }, result.type ? `${result.tier} · ${result.type}` : result.tier),
            formatNumber(result.score, 4),
            describeRecord(result.scores) || '—',
            truncate(result.content, 300),
            describeProvenance(result.provenance),
          ]),
        )
      : h('p', {}, `Nothing found for “${input.query}”.`),
  );
}

function describeProvenance(provenance: Provenance): string {
  const parts = [
    provenance.memoryId && `memory ${provenance.memoryId}`,
    provenance.sectionId && `section ${provenance.sectionId}`,
    provenance.shorttermId && `short-term ${provenance.shorttermId}`,
    provenance.factKey && `fact ${provenance.factKey}`,
    provenance.evidenceIds?.length && `${provenance.evidenceIds.length} evidence episode${provenance.evidenceIds.length === 1 ? '' : 's'}`,
    provenance.occurredAt && `happened ${formatDate(provenance.occurredAt)}`,
    provenance.validFrom && `valid ${formatDate(provenance.validFrom)} – ${provenance.validTo ? formatDate(provenance.validTo) : 'now'}`,
  ];
  return parts.filter(Boolean).join(' · ') || '—';
}
