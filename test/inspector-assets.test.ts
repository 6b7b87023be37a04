import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { createInspector } from '../src/server/inspector/inspector.js';
import { buildInspector } from '../web/build.js';
import { tempDir } from './support/stores.js';

describe('inspector assets', () => {
  const built = tempDir('agent-mem-inspector-');
  before(() => buildInspector(built));

  it('serves the page and its bundled script and stylesheet with a same-origin-only policy', async () => {
    const inspector = createInspector({ assetsDir: built });
    const page = await inspector.request('/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'.*connect-src 'self'/);
    const html = await page.text();
    for (const asset of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
      const response = await inspector.request(asset[1]!);
      assert.equal(response.status, 200, asset[1]);
    }
    assert.match((await inspector.request('/assets/inspector.js')).headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match((await inspector.request('/assets/inspector.css')).headers.get('content-type') ?? '', /^text\/css/);
  });

  it('names no other host in anything it ships', () => {
    for (const file of ['index.html', 'assets/inspector.js', 'assets/inspector.css']) {
      const text = fs.readFileSync(path.join(built, file), 'utf8');
      const urls = [...text.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*/gi)].map((m) => m[0]).filter((url) => !url.startsWith('http://www.w3.org/2000/svg'));
      assert.deepEqual(urls, [], file);
    }
  });

  it('serves nothing outside the built folder', async () => {
    const inspector = createInspector({ assetsDir: built });
    for (const url of ['/assets/..%2F..%2Fpackage.json', '/assets/missing.js', '/assets/inspector.ts']) {
      assert.equal((await inspector.request(url)).status, 404, url);
    }
  });

  it('says how to build the assets when they are missing', async () => {
    const response = await createInspector({ assetsDir: tempDir('agent-mem-inspector-empty-') }).request('/');
    assert.equal(response.status, 503);
    assert.match(await response.text(), /npm run build/);
  });
});
