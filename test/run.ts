/**
 * `npm test`: starts a throwaway PostgreSQL cluster unless DATABASE_URL names a server, then runs
 * every suite with node:test. Suites see the server as TEST_DATABASE_URL, never as DATABASE_URL,
 * so the library's embedded default stays the default inside tests.
 */
import { spawnSync } from 'node:child_process';
import { startCluster } from './support/postgres-cluster.js';

const given = process.env.DATABASE_URL;
const cluster = given ? undefined : await startCluster();
const env: NodeJS.ProcessEnv = { ...process.env, TEST_DATABASE_URL: given ?? cluster!.url };
delete env.DATABASE_URL;

const patterns = process.argv.slice(2);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', ...(patterns.length ? patterns : ['test/**/*.test.ts'])],
  { stdio: 'inherit', env },
);
cluster?.stop();
process.exit(result.status ?? 1);
