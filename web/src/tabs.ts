import { ApiError, MissingOperationError } from './api.js';
import { h, replaceChildren } from './dom.js';
import type { Panel, PanelContext } from './panel.js';

export interface Tab {
  id: string;
  label: string;
  panel: Panel;
}

/** An ARIA tab list; the selected tab's panel is rendered from fresh data each time it is shown. */
export function tabView(tabs: Tab[], context: Omit<PanelContext, 'reload'>): HTMLElement {
  const panel = h('div', { class: 'panel', role: 'tabpanel', tabindex: 0 });
  let current = tabs[0]!;
  const buttons = tabs.map((tab) =>
    h('button', { role: 'tab', id: `tab-${tab.id}`, 'aria-controls': 'panel', 'on:click': () => show(tab) }, tab.label),
  );
  const show = (tab: Tab) => {
    current = tab;
    for (const [i, button] of buttons.entries()) button.setAttribute('aria-selected', String(tabs[i] === tab));
    panel.setAttribute('aria-labelledby', `tab-${tab.id}`);
    panel.setAttribute('aria-busy', 'true');
    replaceChildren(panel, h('p', { class: 'muted' }, 'Loading…'));
    void tab
      .panel({ ...context, reload: () => show(current) }, panel)
      .catch((error: unknown) => replaceChildren(panel, failure(error)))
      .finally(() => panel.setAttribute('aria-busy', 'false'));
  };
  const view = h('div', { class: 'tabs' }, h('div', { role: 'tablist', 'aria-label': 'Memory views' }, buttons), panel);
  panel.id = 'panel';
  show(current);
  return view;
}

function failure(error: unknown): HTMLElement {
  if (error instanceof MissingOperationError) return h('p', { class: 'unavailable' }, `Not available: ${error.message}.`);
  const status = error instanceof ApiError ? ` (HTTP ${error.status})` : '';
  return h('p', { class: 'error', role: 'alert' }, `Could not load this view${status}: ${(error as Error).message}`);
}
