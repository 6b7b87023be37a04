import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiClient } from './support/http.js';
import { startServerProcess, storeEnv, type ServerProcess } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

for (const kind of STORE_KINDS) {
  describe(`REST server in local-only mode (${kind})`, () => {
    let server: ServerProcess;
    before(async () => (server = await startServerProcess(await storeEnv(kind), ['--host', '0.0.0.0', '--tenant', 'solo'])));
    after(() => server.stop());

    it('says so at start, binds loopback only and needs no key', async () => {
      assert.match(server.banner, /local-only mode/);
      assert.equal(new URL(server.url).hostname, '127.0.0.1');
      const call = apiClient(server.url);
      const created = await call('POST', '/v1/scopes/me/active-memories', { title: 'T', template: { sections: [{ id: 'a' }] } });
      assert.equal(created.status, 201);
      assert.equal(created.body.tenantId, 'solo');
      assert.equal((await call('GET', '/v1/scopes')).body.scopes[0].externalId, 'me');
    });
  });
}
