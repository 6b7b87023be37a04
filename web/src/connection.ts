import { Api } from './api.js';
import { h } from './dom.js';

export interface Connection {
  tenant: string;
  apiKey: string;
}

const STORAGE_KEY = 'agent-mem-inspector.connections';

/** Tenants used in this browser tab; kept in sessionStorage so keys do not outlive the tab. */
function savedConnections(): Connection[] {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(value) ? (value as Connection[]) : [];
  } catch {
    return [];
  }
}

function remember(connection: Connection): void {
  const others = savedConnections().filter((c) => c.tenant !== connection.tenant);
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify([connection, ...others]));
}

/**
 * Picks a tenant by its API key (empty in local-only mode). The tenant name is the reader's label;
 * the server decides the tenant from the key.
 */
export function connectionForm(onConnect: (api: Api, connection: Connection) => void, onError: (message: string) => void): HTMLElement {
  const tenant = h('input', { id: 'tenant', autocomplete: 'off', placeholder: 'default' });
  const apiKey = h('input', { id: 'api-key', type: 'password', autocomplete: 'off', placeholder: 'none in local-only mode' });
  const saved = savedConnections();
  const picker = saved.length
    ? h(
        'select',
        {
          id: 'saved-tenant',
          'aria-label': 'Tenants used in this tab',
          'on:change': (event) => {
            const chosen = saved.find((c) => c.tenant === (event.target as HTMLSelectElement).value);
            if (chosen) [tenant.value, apiKey.value] = [chosen.tenant, chosen.apiKey];
          },
        },
        h('option', { value: '' }, 'Recent tenants…'),
        saved.map((c) => h('option', { value: c.tenant }, c.tenant)),
      )
    : null;
  const form = h(
    'form',
    { class: 'connection', 'aria-label': 'Connect to a tenant' },
    picker,
    h('label', { for: 'tenant' }, 'Tenant'),
    tenant,
    h('label', { for: 'api-key' }, 'API key'),
    apiKey,
    h('button', {}, 'Connect'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const connection = { tenant: tenant.value.trim() || 'default', apiKey: apiKey.value.trim() };
    Api.connect(connection.apiKey)
      .then((api) => {
        remember(connection);
        onConnect(api, connection);
      })
      .catch((error: Error) => onError(error.message));
  });
  return form;
}
