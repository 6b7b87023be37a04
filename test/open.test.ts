import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { AgentMem } from '../src/agent-mem.js';
import type { Embedder } from '../src/ai/embedder.js';
import { ConfigError, ConflictError } from '../src/errors.js';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { sqliteMigrations } from '../src/store/sqlite/migrations.js';
import { openSqliteStore } from '../src/store/sqlite/open.js';
import { tempDir } from './support/stores.js';

function runChild(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/scripts/write-sections.ts', ...args], {
      stdio: 'inherit',
      // High enough that no update starts a consolidation, which would reset the counts.
      env: { ...process.env, AVG_SECTION_UPDATE_COUNT: '1000' },
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

describe('opening the embedded store', () => {
  it('defaults to .agent-mem/agent-mem.db under AGENT_MEM_DIR and keeps data across opens', async () => {
    const dir = tempDir();
    process.env.AGENT_MEM_DIR = dir;
    try {
      const mem = await AgentMem.open();
      const created = await mem.createActiveMemory({ externalId: 'a', title: 'T', template: { sections: [{ id: 'notes' }] } });
      await mem.close();
      assert.ok(fs.existsSync(path.join(dir, 'agent-mem.db')));
      const reopened = await AgentMem.open();
      assert.equal((await reopened.getActiveMemory({ externalId: 'a', memoryId: created.id })).title, 'T');
      await reopened.close();
    } finally {
      delete process.env.AGENT_MEM_DIR;
    }
  });

  it('applies each migration once, however often the store is opened', async () => {
    const file = path.join(tempDir(), 'agent-mem.db');
    for (let i = 0; i < 2; i++) {
      const store = await openSqliteStore(file);
      await store.close();
    }
    const db = new Database(file, { readonly: true });
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
    db.close();
    assert.deepEqual(versions.map((v) => v.version), sqliteMigrations.migrations.map((m) => m.version));
  });

  it('fails at open when the configured embedder differs from the one that made the vectors', async () => {
    const dataDir = tempDir();
    await (await AgentMem.open({ dataDir })).close();
    const other: Embedder = { specificationVersion: 'v1', id: 'test:other-8', dimensions: 8, embed: async (texts) => texts.map(() => new Float32Array(8)) };
    await assert.rejects(AgentMem.open({ dataDir, embedder: other }), (e: unknown) => e instanceof ConflictError && /local:use-en-512/.test(e.message) && /test:other-8/.test(e.message));
  });

  it('fails at open on a bad setting, naming it', async () => {
    await assert.rejects(AgentMem.open({ dataDir: tempDir(), config: { shorttermUpdateCountThreshold: 0 } }), ConfigError);
    await assert.rejects(AgentMem.open({ dataDir: tempDir(), tenantId: ' ' }), /tenantId/);
  });

  it('stays consistent when two processes write the same file at once', async () => {
    const dataDir = tempDir();
    const mem = await AgentMem.open({ dataDir });
    const created = await mem.createActiveMemory({ externalId: 'shared-agent', title: 'T', template: { sections: [{ id: 'left' }, { id: 'right' }] } });
    const codes = await Promise.all([runChild([dataDir, created.id, 'left', '25']), runChild([dataDir, created.id, 'right', '25'])]);
    assert.deepEqual(codes, [0, 0]);
    const after = await mem.getActiveMemory({ externalId: 'shared-agent', memoryId: created.id });
    assert.deepEqual(after.sections.map((s) => [s.content, s.updateCount]), [['left #24', 25], ['right #24', 25]]);
    await mem.close();
  });
});
