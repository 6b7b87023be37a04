import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it, type TestContext } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AgentMem } from '../src/agent-mem.js';
import type { LongTermEntity } from '../src/model/tiers.js';
import { resolveConfig } from '../src/config.js';
import { openStore } from '../src/store/open-store.js';
import { buildInspector } from '../web/build.js';
import { apiClient, type ApiClient } from './support/http.js';
import { startServerProcess, storeEnv, type ServerProcess } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = 'test-results';

const template = { sections: [{ id: 'goals', title: 'Goals' }, { id: 'notes', title: 'Notes' }] };

/** Long-term entities as promotion writes them: `metadata.stateHistory` entries with `at`, types and confidence. */
function entity(externalId: string, name: string, types: string[], history: Array<{ at: string; types: string[]; confidence: number }>): LongTermEntity {
  const last = history[history.length - 1]!;
  return {
    id: randomUUID(),
    tenantId: 'acme',
    externalId,
    name,
    types,
    description: `${name}, as the agent knows it`,
    confidence: last.confidence,
    metadata: {
      stateHistory: history.map((h, i) => ({
        at: h.at,
        sourceShorttermId: `st-${i}`,
        oldTypes: i ? history[i - 1]!.types : [],
        newTypes: h.types,
        oldConfidence: i ? history[i - 1]!.confidence : null,
        newConfidence: h.confidence,
      })),
    },
    createdAt: history[0]!.at,
    updatedAt: last.at,
  };
}

/** What the agent of tenant "acme" remembers before the browser opens the page. */
async function seed(env: NodeJS.ProcessEnv): Promise<{ memoryId: string; episodeIds: string[] }> {
  const location = { dataDir: env.AGENT_MEM_DIR, databaseUrl: env.DATABASE_URL };
  const mem = await AgentMem.open({ ...location, tenantId: 'acme' });
  let memoryId: string;
  let episodeIds: string[];
  try {
    memoryId = (await mem.createActiveMemory({ externalId: 'agent-1', title: 'Trip planning', template, initialSections: { goals: 'Plan a trip to Japan' } })).id;
    const episodes = await mem.addEpisodes({
      externalId: 'agent-1',
      episodes: [
        { text: 'Met Alice at a café in Lisbon to talk about the Acme launch.', type: 'episodic_event', tags: ['work'], occurredAt: '2026-03-01T10:00:00.000Z' },
        { text: 'The user prefers window seats on long flights.', type: 'preference', tags: ['travel'], occurredAt: '2026-03-02T10:00:00.000Z' },
      ],
    });
    episodeIds = episodes.map((e) => e.id);
    await mem.putFact({ externalId: 'agent-1', key: 'user.seat', value: 'aisle', category: 'preference' });
    await mem.putFact({ externalId: 'agent-1', key: 'user.seat', value: 'window', category: 'preference', evidenceIds: [episodeIds[1]!] });
    await mem.forTenant('globex').createActiveMemory({ externalId: 'globex-agent', title: 'Other tenant', template });
  } finally {
    await mem.close();
  }
  const store = await openStore({ dataDir: env.AGENT_MEM_DIR ?? '', databaseUrl: env.DATABASE_URL, config: resolveConfig({}, {}) });
  try {
    const scope = { tenantId: 'acme', externalId: 'agent-1' };
    await store.graph('longterm').insertEntities([
      entity('agent-1', 'Alice', ['person', 'colleague'], [
        { at: '2026-02-01T09:00:00.000Z', types: ['person'], confidence: 0.6 },
        { at: '2026-03-01T09:00:00.000Z', types: ['person', 'colleague'], confidence: 0.84 },
      ]),
      entity('agent-1', 'Acme', ['organization'], [{ at: '2026-02-01T09:00:00.000Z', types: ['organization'], confidence: 0.7 }]),
    ]);
    const chunk = (content: string, startDate: string, endDate: string | null) => ({
      id: randomUUID(),
      ...scope,
      activeMemoryId: memoryId,
      sectionId: 'notes',
      content,
      confidence: 0.8,
      importance: 0.6,
      startDate,
      endDate,
      lastUpdated: startDate,
      sourceShorttermId: 'st-0',
      metadata: {},
      createdAt: startDate,
    });
    await store.longterm.insertChunks([chunk('Alice worked at Initech', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'), chunk('Alice leads the Acme launch', '2026-02-01T00:00:00.000Z', null)]);
    await store.graph('longterm').insertRelationships([{
      id: randomUUID(),
      ...scope,
      sourceName: 'Alice',
      targetName: 'Acme',
      type: 'works_at',
      description: 'Alice works at Acme',
      confidence: 0.8,
      strength: 0.7,
      metadata: {},
      startDate: '2026-02-01T09:00:00.000Z',
      endDate: null,
      createdAt: '2026-02-01T09:00:00.000Z',
      updatedAt: '2026-02-01T09:00:00.000Z',
    }]);
  } finally {
    await store.close();
  }
  return { memoryId, episodeIds };
}

let browser: Browser;
before(async () => {
  await buildInspector();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
});
after(() => browser?.close());

for (const kind of STORE_KINDS) {
  describe(`web inspector in Chromium (${kind})`, () => {
    let server: ServerProcess;
    let api: ApiClient;
    let page: Page;
    let operations: Set<string>;
    let seeded: { memoryId: string; episodeIds: string[] };
    const foreignRequests: string[] = [];
    const pageErrors: string[] = [];
    const screenshot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/inspector-${kind}-${name}.png`, fullPage: true });
    /** Skips a step whose REST operation the server does not offer yet (the page says so too). */
    const needs = (t: TestContext, ...operationIds: string[]) => {
      const missing = operationIds.filter((id) => !operations.has(id));
      if (missing.length) t.skip(`the server does not offer ${missing.join(', ')} yet`);
      return missing.length === 0;
    };

    before(async () => {
      const env = await storeEnv(kind);
      seeded = await seed(env);
      server = await startServerProcess({ ...env, AGENT_MEM_API_KEYS: 'key-acme:acme,key-globex:globex' });
      api = apiClient(server.url, 'key-acme');
      const document = (await api('GET', '/v1/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string }>> };
      operations = new Set(Object.values(document.paths).flatMap((methods) => Object.values(methods).map((o) => o.operationId)));
      page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      page.on('request', (request) => {
        if (!request.url().startsWith(`${server.url}/`) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
      });
      page.on('pageerror', (error) => pageErrors.push(error.message));
    });
    after(async () => {
      await page?.close();
      await server?.stop();
    });

    it('loads the page from the server, with its assets bundled', async () => {
      const response = await page.goto(server.url);
      assert.equal(response?.status(), 200);
      assert.match(response?.headers()['content-security-policy'] ?? '', /default-src 'none'/);
      assert.equal(await page.title(), 'agent-mem inspector');
      await page.getByRole('button', { name: 'Connect' }).waitFor();
      await screenshot('01-loaded');
    });

    it('refuses an unknown API key and names the problem', async () => {
      await page.fill('#tenant', 'acme');
      await page.fill('#api-key', 'not-a-key');
      await page.getByRole('button', { name: 'Connect' }).click();
      await page.locator('#status.error', { hasText: 'unknown API key' }).waitFor();
    });

    it("connects with a tenant's key and lists only that tenant's agents", async () => {
      await page.fill('#api-key', 'key-acme');
      await page.getByRole('button', { name: 'Connect' }).click();
      await page.locator('#status', { hasText: 'Connected to tenant "acme"' }).waitFor();
      const summary = page.getByRole('region', { name: 'Overview' });
      for (const line of ['1 agent', '1 active memory', '2 episodes', '1 current fact', '0 consolidations pending']) await summary.getByText(line, { exact: true }).waitFor();
      await screenshot('01-overview');
      const values = await Promise.all((await page.locator('#agent-select option').all()).map((option) => option.getAttribute('value')));
      const agents = values.filter(Boolean);
      assert.deepEqual(agents, ['agent-1']);
      await page.selectOption('#agent-select', 'agent-1');
      await page.getByRole('heading', { name: 'Trip planning' }).waitFor();
      await screenshot('02-agent');
    });

    it('edits a section and shows its update count change', async () => {
      const goals = page.locator(`article[data-memory="${seeded.memoryId}"] .section[data-section="goals"]`);
      assert.equal(await goals.getByTestId('update-count').textContent(), 'Updates: 0');
      await goals.locator('textarea').fill('Plan a trip to Japan and Korea');
      await page.getByRole('button', { name: 'Save changed sections' }).click();
      await page.locator(`article[data-memory="${seeded.memoryId}"] .section[data-section="goals"] [data-testid="update-count"]`, { hasText: 'Updates: 1' }).waitFor();
      assert.equal(await page.locator('.section[data-section="notes"] [data-testid="update-count"]').textContent(), 'Updates: 0');
      assert.match((await page.getByTestId('consolidation-info').textContent()) ?? '', /Total updates: 1/);
      const stored = (await api('GET', `/v1/scopes/agent-1/active-memories/${seeded.memoryId}`)).body as { sections: Array<{ id: string; content: string; updateCount: number }> };
      assert.deepEqual(stored.sections.map((s) => [s.id, s.content, s.updateCount]), [['goals', 'Plan a trip to Japan and Korea', 1], ['notes', '', 0]]);
      await screenshot('03-section-edited');
    });

    it('searches with hybrid retrieval and shows each result’s tier and fused scores', async (t) => {
      if (!needs(t, 'retrieveMemories')) return;
      await page.getByRole('tab', { name: 'Search' }).click();
      await page.fill('#search-query', 'Alice café Lisbon');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const hit = page.getByTestId('search-results').locator('tbody tr', { hasText: 'Met Alice at a café in Lisbon' });
      await hit.waitFor();
      assert.match((await hit.textContent()) ?? '', /episode/);
      assert.match((await hit.textContent()) ?? '', /fused: \d/);
      await screenshot('04-search');
    });

    it("opens an entity's types, confidence and state history from the graph", async (t) => {
      if (!needs(t, 'getLongTermMemory')) return;
      await page.getByRole('tab', { name: 'Entity graph' }).click();
      await page.locator('g.node[data-entity="Acme"]').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('entity-name').filter({ hasText: 'Acme' }).waitFor();
      await page.locator('g.node[data-entity="Alice"]').click();
      await page.getByTestId('entity-name').filter({ hasText: 'Alice' }).waitFor();
      const details = page.locator('.entity-details');
      assert.match((await details.locator('dl').textContent()) ?? '', /person, colleague.*0\.84/s);
      const history = await details.locator('table tbody tr').allTextContents();
      assert.equal(history.length, 2);
      assert.match(history[0]!, /person.*0\.60/);
      assert.match(history[1]!, /person, colleague.*0\.84/);
      assert.equal(await details.locator('svg.chart .point').count(), 2);
      assert.equal(await page.locator('g.node[data-entity="Alice"]').getAttribute('aria-pressed'), 'true');
      await screenshot('05-entity-history');
    });

    it('deletes an episode after a confirmation that names it', async (t) => {
      if (!needs(t, 'listEpisodes', 'deleteEpisode')) return;
      await page.getByRole('tab', { name: 'Episodes' }).click();
      await page.selectOption('#episode-type', 'preference');
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.locator('caption', { hasText: '1 episode' }).waitFor();
      assert.match((await page.locator('tbody tr').allTextContents()).join('|'), /^[^|]*window seats[^|]*$/);
      await page.selectOption('#episode-type', '');
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.locator('caption', { hasText: '2 episodes' }).waitFor();
      const row = page.locator('tbody tr', { hasText: 'Met Alice at a café in Lisbon' });
      await row.getByRole('button', { name: /Delete episode/ }).click();
      const dialog = page.getByRole('dialog');
      assert.match((await dialog.textContent()) ?? '', /Met Alice at a café in Lisbon/);
      await screenshot('06-confirm-delete');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      assert.equal(await row.count(), 1, 'cancel keeps the episode');
      await row.getByRole('button', { name: /Delete episode/ }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete episode' }).click();
      await page.locator('#status', { hasText: 'Deleted episode' }).waitFor();
      await page.locator('tbody tr', { hasText: 'window seats' }).waitFor();
      assert.equal(await page.locator('tbody tr', { hasText: 'Met Alice at a café in Lisbon' }).count(), 0);
      assert.equal((await api('GET', `/v1/scopes/agent-1/episodes/${seeded.episodeIds[0]}`)).status, 404);
      assert.equal((await api('GET', `/v1/scopes/agent-1/episodes/${seeded.episodeIds[1]}`)).status, 200);
    });

    it("shows a fact's history and deletes the fact", async (t) => {
      if (!needs(t, 'listFacts', 'factHistory', 'deleteFact')) return;
      await page.getByRole('tab', { name: 'Facts' }).click();
      const row = page.locator('tbody tr', { hasText: 'user.seat' });
      assert.match((await row.textContent()) ?? '', /window/);
      await row.getByRole('button', { name: 'History' }).click();
      const versions = page.locator('table', { hasText: 'versions, oldest first' }).locator('tbody tr');
      await versions.first().waitFor();
      assert.deepEqual((await versions.allTextContents()).map((text) => /current/.test(text)), [false, true]);
      await screenshot('07-fact-history');
      await row.getByRole('button', { name: 'Delete' }).click();
      assert.match((await page.getByRole('dialog').textContent()) ?? '', /Every version of this key is removed/);
      await page.getByRole('dialog').getByRole('button', { name: 'Delete fact' }).click();
      await page.getByText('No facts match.').waitFor();
      assert.equal((await api('GET', '/v1/scopes/agent-1/facts/user.seat')).status, 404);
    });

    it('triggers a sleep cycle and a consolidation and shows both runs on the timeline', async (t) => {
      if (!needs(t, 'getConsolidationRuns', 'runSleepCycle', 'consolidate')) return;
      await page.getByRole('tab', { name: 'Runs' }).click();
      await page.getByRole('button', { name: 'Run sleep cycle now' }).click();
      await page.locator('tbody tr', { hasText: 'sleep' }).waitFor();
      await page.getByRole('button', { name: 'Consolidate "Trip planning" now' }).click();
      await page.locator('tbody tr', { hasText: 'consolidation' }).waitFor();
      const runs = (await api('GET', '/v1/scopes/agent-1/consolidation-runs')).body as { runs: Array<{ kind: string; status: string }> };
      for (const kind of ['consolidation', 'sleep']) assert.ok(runs.runs.some((r) => r.kind === kind), `a ${kind} run was recorded`);
      assert.equal(await page.locator('svg.chart.runs .mark').count(), runs.runs.length);
      assert.equal(await page.locator('tbody tr').count(), runs.runs.length);
      await screenshot('08-runs');
    });

    it('shows short-term chunks and long-term chunks with their validity', async (t) => {
      if (!needs(t, 'getShortTermMemory', 'getLongTermMemory')) return;
      await page.getByRole('tab', { name: 'Short & long term' }).click();
      const shortTerm = page.locator('table', { hasText: 'Short-term chunks of "Trip planning"' });
      await shortTerm.waitFor();
      assert.ok((await shortTerm.locator('tbody tr').allTextContents()).some((row) => row.startsWith('goals')), 'the consolidated goals section has a chunk');
      const longTermRows = () => page.locator('table', { hasText: 'Long-term chunks' }).locator('tbody tr').allTextContents();
      const rows = await longTermRows();
      assert.equal(rows.length, 2);
      assert.match(rows.find((r) => r.includes('Initech')) ?? '', /ended/);
      assert.match(rows.find((r) => r.includes('Acme launch')) ?? '', /still valid.*short-term st-0/);
      await screenshot('09-tiers');
      await page.locator('#longterm-ended').uncheck();
      await page.getByRole('button', { name: 'Show' }).click();
      await page.locator('table', { hasText: 'Long-term chunks' }).locator('tbody tr', { hasText: 'Initech' }).waitFor({ state: 'detached' });
      assert.deepEqual((await longTermRows()).map((r) => r.includes('Acme launch')), [true]);
      await page.fill('#longterm-asof', '2026-01-15T12:00');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.locator('table', { hasText: 'Long-term chunks' }).locator('tbody tr', { hasText: 'Initech' }).waitFor();
      assert.deepEqual((await longTermRows()).map((r) => r.includes('Initech')), [true]);
    });

    it('fits a narrow window on every view', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const tab of await page.getByRole('tab').allTextContents()) {
        await page.getByRole('tab', { name: tab }).click();
        await page.locator('.panel[aria-busy="false"]').waitFor();
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        assert.ok(overflow <= 0, `the ${tab} view scrolls sideways by ${overflow}px`);
      }
      await page.getByRole('tab', { name: 'Active memory' }).click();
      await page.getByRole('heading', { name: 'Trip planning' }).waitFor();
      await screenshot('10-narrow');
      await page.setViewportSize({ width: 1366, height: 900 });
    });

    it("deletes a whole agent's memory after a confirmation", async (t) => {
      if (!needs(t, 'deleteScope')) return;
      await page.getByRole('tab', { name: 'Agent' }).click();
      await page.getByRole('button', { name: /Delete all memory of "agent-1"/ }).click();
      assert.match((await page.getByRole('dialog').textContent()) ?? '', /agent "agent-1" of tenant "acme"/);
      await page.getByRole('dialog').getByRole('button', { name: 'Delete everything' }).click();
      await page.locator('#status', { hasText: 'Deleted all memory of "agent-1"' }).waitFor();
      const scopes = (await api('GET', '/v1/scopes')).body as { scopes: Array<{ externalId: string }> };
      assert.deepEqual(scopes.scopes.map((s) => s.externalId), []);
      const globex = (await apiClient(server.url, 'key-globex')('GET', '/v1/scopes')).body as { scopes: Array<{ externalId: string }> };
      assert.deepEqual(globex.scopes.map((s) => s.externalId), ['globex-agent']);
    });

    it('made no request to any host but the server and raised no page error', () => {
      assert.deepEqual(foreignRequests, []);
      assert.deepEqual(pageErrors, []);
    });
  });
}

for (const kind of STORE_KINDS) {
  describe(`web inspector in local-only mode (${kind})`, () => {
    let server: ServerProcess;
    let page: Page;
    before(async () => {
      server = await startServerProcess(await storeEnv(kind));
      await apiClient(server.url)('POST', '/v1/scopes/local-agent/active-memories', { title: 'Local notes', template, initialSections: { notes: 'No keys needed here' } });
      page = await browser.newPage();
    });
    after(async () => {
      await page?.close();
      await server?.stop();
    });

    it('connects by itself without an API key and opens on the overview of the default tenant', async () => {
      await page.goto(server.url);
      await page.locator('#status', { hasText: 'Connected to tenant "default" (local-only mode' }).waitFor();
      const summary = page.getByRole('region', { name: 'Overview' });
      await summary.getByText(`${kind}, schema version`).waitFor();
      await summary.getByText('1 agent', { exact: true }).waitFor();
      await summary.getByText('1 active memory', { exact: true }).waitFor();
      await summary.getByText('No sleep cycle is queued.').waitFor();
      await page.selectOption('#agent-select', 'local-agent');
      await page.getByRole('heading', { name: 'Local notes' }).waitFor();
      assert.equal(await page.locator('textarea[data-section="notes"]').inputValue(), 'No keys needed here');
    });
  });
}
