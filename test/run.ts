/**
 * `npm test`: starts a throwaway PostgreSQL cluster unless DATABASE_URL names a server, then runs
 * every suite with node:test. Suites see the server as TEST_DATABASE_URL, never as DATABASE_URL,
 * so the library's embedded default stays the default inside tests. A Citus cluster starts only
 * when a suite first asks for one (test/support/citus.ts), in TEST_CITUS_DIR, and is stopped
 * here at the end; TEST_CITUS_URL, when set, names a Citus coordinator to use instead.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopCitusClusterIn } from './support/citus-cluster.js';
import { startCluster } from './support/postgres-cluster.js';

const given = process.env.DATABASE_URL;
const cluster = given ? undefined : await startCluster();
const env: NodeJS.ProcessEnv = { ...process.env, TEST_DATABASE_URL: given ?? cluster!.url };
delete env.DATABASE_URL;
const citusDir = process.env.TEST_CITUS_URL ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mem-citus-shared-'));
if (citusDir) {
  fs.chmodSync(citusDir, 0o755); // the cluster's own directory inside belongs to `postgres`
  env.TEST_CITUS_DIR = citusDir;
}

/** Every *.test.ts under test/ (Node 20's --test takes no globs). */
function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const files = process.argv.length > 2 ? process.argv.slice(2) : testFiles('test').sort();
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', ...files],
  { stdio: 'inherit', env },
);
cluster?.stop();
if (citusDir) {
  stopCitusClusterIn(path.join(citusDir, 'cluster'));
  fs.rmSync(citusDir, { recursive: true, force: true });
}
process.exit(result.status ?? 1);
