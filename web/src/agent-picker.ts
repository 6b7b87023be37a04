import type { Api } from './api.js';
import { h } from './dom.js';
import { operations } from './operations.js';
import type { ScopeSummary } from '../../src/store/port.js';

/** Lists the tenant's agents when the server can (and checks the key); any agent id can be typed. */
export async function agentPicker(api: Api, onPick: (externalId: string) => void): Promise<HTMLElement> {
  const agents = api.offers(operations.listAgents) ? (await api.call<{ scopes: ScopeSummary[] }>(operations.listAgents)).scopes : [];
  const typed = h('input', { id: 'agent-id', autocomplete: 'off', required: true, list: 'known-agents' });
  const form = h(
    'form',
    { class: 'agent-picker', 'aria-label': 'Pick an agent' },
    agents.length
      ? [
          h('label', { for: 'agent-select' }, 'Agent'),
          h(
            'select',
            { id: 'agent-select', 'on:change': (event) => onPick((event.target as HTMLSelectElement).value) },
            h('option', { value: '' }, `Choose one of ${agents.length}…`),
            agents.map((a) => h('option', { value: a.externalId }, `${a.externalId} — ${a.activeMemories} memories, ${a.episodes} episodes, ${a.facts} facts`)),
          ),
          h('span', { class: 'muted' }, 'or'),
        ]
      : null,
    h('label', { for: 'agent-id' }, 'Agent id'),
    typed,
    h('datalist', { id: 'known-agents' }, agents.map((a) => h('option', { value: a.externalId }))),
    h('button', {}, 'Open'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (typed.value.trim()) onPick(typed.value.trim());
  });
  return form;
}
