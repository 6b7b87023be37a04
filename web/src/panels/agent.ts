import type { ScopeSummary } from '../../../src/store/port.js';
import { confirmAction } from '../confirm.js';
import { h, replaceChildren } from '../dom.js';
import { operations } from '../operations.js';
import { runAction, type Panel, type PanelContext } from '../panel.js';

/** What the agent's memory holds in total, and deleting all of it. */
export const agentPanel: Panel = async (context, root) => {
  const summary = context.api.offers(operations.listAgents)
    ? (await context.api.call<{ scopes: ScopeSummary[] }>(operations.listAgents)).scopes.find((s) => s.externalId === context.externalId)
    : undefined;
  const counts = summary
    ? `${summary.activeMemories} active memor${summary.activeMemories === 1 ? 'y' : 'ies'}, ${summary.episodes} episode${summary.episodes === 1 ? '' : 's'}, ${summary.facts} fact${summary.facts === 1 ? '' : 's'}`
    : undefined;
  replaceChildren(
    root,
    h('h2', {}, `Agent "${context.externalId}" in tenant "${context.tenant}"`),
    counts ? h('p', {}, `Holds ${counts}.`) : null,
    h(
      'section',
      { class: 'card danger-zone', 'aria-labelledby': 'danger-title' },
      h('h3', { id: 'danger-title' }, 'Delete this agent’s memory'),
      context.api.offers(operations.deleteAgent)
        ? h('button', { class: 'danger', 'on:click': () => void runAction(context, () => deleteAgent(context, counts)) }, `Delete all memory of "${context.externalId}"`)
        : h('p', { class: 'unavailable' }, `Not available: this server does not offer ${operations.deleteAgent} (deleting a whole agent's memory).`),
    ),
  );
};

async function deleteAgent(context: PanelContext, counts: string | undefined): Promise<void> {
  const confirmed = await confirmAction(
    `Delete all memory of "${context.externalId}"?`,
    [
      `Everything agent "${context.externalId}" of tenant "${context.tenant}" remembers${counts ? `: ${counts}` : ''}.`,
      'Also its short-term and long-term chunks, entities, relationships, consolidation runs and sleep reports, and their search index entries.',
      'Other agents and other tenants are not touched.',
    ],
    'Delete everything',
  );
  if (!confirmed) return;
  await context.api.call(operations.deleteAgent, { params: { externalId: context.externalId } });
  context.leaveAgent(`Deleted all memory of "${context.externalId}".`);
}
