import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AgentMem, type AgentMemOptions } from '../../src/agent-mem.js';
import type { Store } from '../../src/store/port.js';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import { createCitusTestDatabase } from './citus.js';
import { createTestDatabase } from './postgres.js';

/** Where the library's tests run: the embedded store and PostgreSQL. */
export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres'];

/**
 * Where the store conformance suite (test/store/) runs: also PostgreSQL without pgvector (vectors
 * in REAL[], exact scans) and Citus (a coordinator and two workers). `postgres` and `citus` there
 * send every vector query through HNSW (the exact scan of small scopes has its own test).
 */
export type ConformanceKind = StoreKind | 'postgres-exact' | 'citus';
export const CONFORMANCE_KINDS: ConformanceKind[] = ['sqlite', 'postgres', 'postgres-exact', 'citus'];

export function tempDir(prefix = 'agent-mem-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function openAt(kind: ConformanceKind, location: string): Promise<Store> {
  if (kind === 'sqlite') return openSqliteStore(location);
  return openPostgresStore(location, kind === 'postgres-exact' ? { pgvector: 'off' } : { exactScanMax: 0 });
}

/** A new place for a store of the kind: a file path or a database URL. */
async function newLocation(kind: ConformanceKind): Promise<string> {
  if (kind === 'sqlite') return path.join(tempDir(), 'agent-mem.db');
  return kind === 'citus' ? createCitusTestDatabase() : createTestDatabase();
}

/** A fresh, empty store of the given kind. */
export async function openTestStore(kind: ConformanceKind): Promise<Store> {
  return openAt(kind, await newLocation(kind));
}

/** `count` stores on one fresh database, as separate processes would open it. */
export async function openTestStoresSharing(kind: ConformanceKind, count: number): Promise<Store[]> {
  const location = await newLocation(kind);
  const open = () => openAt(kind, location);
  const stores: Store[] = [];
  for (let i = 0; i < count; i++) stores.push(await open());
  return stores;
}

/** Where a fresh AgentMem of the given kind keeps its data, for opening it again. */
export async function testLocation(kind: StoreKind): Promise<Pick<AgentMemOptions, 'dataDir' | 'databaseUrl'>> {
  return kind === 'sqlite' ? { dataDir: tempDir() } : { databaseUrl: await createTestDatabase() };
}

export async function openTestMem(kind: StoreKind, options: AgentMemOptions = {}): Promise<AgentMem> {
  return AgentMem.open({ ...(await testLocation(kind)), ...options });
}
