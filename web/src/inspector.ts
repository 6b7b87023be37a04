import type { MemStatus } from '../../src/runtime/status.js';
import { Api } from './api.js';
import { agentPicker } from './agent-picker.js';
import { connectionForm, type Connection } from './connection.js';
import { h, replaceChildren } from './dom.js';
import { operations } from './operations.js';
import { overview } from './overview.js';
import { activePanel } from './panels/active.js';
import { agentPanel } from './panels/agent.js';
import { episodesPanel } from './panels/episodes.js';
import { factsPanel } from './panels/facts.js';
import { graphPanel } from './panels/graph.js';
import { runsPanel } from './panels/runs.js';
import { searchPanel } from './panels/search.js';
import { tiersPanel } from './panels/tiers.js';
import { tabView, type Tab } from './tabs.js';

const tabs: Tab[] = [
  { id: 'active', label: 'Active memory', panel: activePanel },
  { id: 'tiers', label: 'Short & long term', panel: tiersPanel },
  { id: 'graph', label: 'Entity graph', panel: graphPanel },
  { id: 'episodes', label: 'Episodes', panel: episodesPanel },
  { id: 'facts', label: 'Facts', panel: factsPanel },
  { id: 'search', label: 'Search', panel: searchPanel },
  { id: 'runs', label: 'Runs', panel: runsPanel },
  { id: 'agent', label: 'Agent', panel: agentPanel },
];

const status = h('p', { id: 'status', role: 'status', 'aria-live': 'polite' });
const main = h('main', {});

function notify(message: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = kind === 'error' ? `Error: ${message}` : message;
  status.className = kind;
}

async function showAgents(api: Api, connection: Connection, message = `Connected to tenant "${connection.tenant}".`): Promise<void> {
  const open = (externalId: string) => {
    if (!externalId) return;
    notify(`Agent "${externalId}" of tenant "${connection.tenant}".`);
    replaceChildren(
      main,
      h('div', { class: 'agent-bar' }, h('h2', {}, `Agent: ${externalId}`), h('button', { 'on:click': () => void showAgents(api, connection) }, 'Change agent')),
      tabView(tabs, { api, tenant: connection.tenant, externalId, notify, leaveAgent: (done) => void showAgents(api, connection, done) }),
    );
  };
  try {
    const summary = api.offers(operations.status) ? overview(await api.call<MemStatus>(operations.status), open) : null;
    replaceChildren(main, summary, await agentPicker(api, open));
    notify(message);
  } catch (error) {
    notify((error as Error).message, 'error');
  }
}

/** A server without API keys (local-only mode) answers without one: connect at once. */
async function connectIfLocalOnly(): Promise<void> {
  const answer = await fetch('/v1/status').catch(() => undefined);
  if (!answer?.ok) return;
  const connection = { tenant: 'default', apiKey: '' };
  await showAgents(await Api.connect(''), connection, 'Connected to tenant "default" (local-only mode: this server needs no API key).');
}

document.body.append(
  h('header', {}, h('h1', {}, 'agent-mem inspector'), connectionForm((api, connection) => void showAgents(api, connection), (message) => notify(message, 'error'))),
  status,
  main,
);
void connectIfLocalOnly();
