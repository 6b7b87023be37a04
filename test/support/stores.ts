import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AgentMem, type AgentMemOptions } from '../../src/agent-mem.js';
import type { Store } from '../../src/store/port.js';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import { createTestDatabase } from './postgres.js';

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres'];

export function tempDir(prefix = 'agent-mem-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh, empty store of the given kind. */
export async function openTestStore(kind: StoreKind): Promise<Store> {
  if (kind === 'sqlite') return openSqliteStore(path.join(tempDir(), 'agent-mem.db'));
  return openPostgresStore(await createTestDatabase());
}

/** Where a fresh AgentMem of the given kind keeps its data, for opening it again. */
export async function testLocation(kind: StoreKind): Promise<Pick<AgentMemOptions, 'dataDir' | 'databaseUrl'>> {
  return kind === 'sqlite' ? { dataDir: tempDir() } : { databaseUrl: await createTestDatabase() };
}

export async function openTestMem(kind: StoreKind, options: AgentMemOptions = {}): Promise<AgentMem> {
  return AgentMem.open({ ...(await testLocation(kind)), ...options });
}
