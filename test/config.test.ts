import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { resolveConfig, resolveDatabaseUrl, resolveDataDir } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { createLogger } from '../src/logger.js';
import { createApp } from '../src/server/app.js';
import { resolvePort } from '../src/server/start.js';
import { openTestMem } from './support/stores.js';

function capturingLogger() {
  const warnings: string[] = [];
  const logger = createLogger();
  logger.warn = ((message: string) => void warnings.push(message)) as typeof logger.warn;
  return { logger, warnings };
}

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = resolveConfig({}, {});
    assert.equal(config.avgSectionUpdateCountForConsolidation, 5);
    assert.equal(config.shorttermUpdateCountThreshold, 10);
    assert.equal(config.embeddings, 'local');
    assert.equal(config.llm, undefined);
    assert.deepEqual(config.postgres, { poolSize: 10, connectTimeoutMs: 5000, statementTimeoutMs: 30000, pgvector: 'auto', exactScanMax: 10000 });
  });

  it('reads the PostgreSQL settings from the environment or config.postgres, field by field', () => {
    const env = { AGENT_MEM_PG_POOL_SIZE: '4', AGENT_MEM_PG_STATEMENT_TIMEOUT_MS: '2000', AGENT_MEM_PGVECTOR: 'off' };
    const config = resolveConfig({ postgres: { connectTimeoutMs: 1500, poolSize: 6 } }, env);
    assert.deepEqual(config.postgres, { poolSize: 6, connectTimeoutMs: 1500, statementTimeoutMs: 2000, pgvector: 'off', exactScanMax: 10000 });
  });

  it('reads the environment, and options win over it', () => {
    const env = { AVG_SECTION_UPDATE_COUNT: '2.5', SHORTTERM_UPDATE_THRESHOLD: '4' };
    assert.equal(resolveConfig({}, env).avgSectionUpdateCountForConsolidation, 2.5);
    assert.equal(resolveConfig({}, env).shorttermUpdateCountThreshold, 4);
    assert.equal(resolveConfig({ shorttermUpdateCountThreshold: 7 }, env).shorttermUpdateCountThreshold, 7);
  });

  it('still reads the deprecated ACTIVE_MEMORY_UPDATE_THRESHOLD, with a warning', () => {
    const { logger, warnings } = capturingLogger();
    assert.equal(resolveConfig({}, { ACTIVE_MEMORY_UPDATE_THRESHOLD: '3' }, logger).avgSectionUpdateCountForConsolidation, 3);
    assert.match(warnings.join('\n'), /ACTIVE_MEMORY_UPDATE_THRESHOLD is deprecated; use AVG_SECTION_UPDATE_COUNT/);
    const both = resolveConfig({}, { ACTIVE_MEMORY_UPDATE_THRESHOLD: '3', AVG_SECTION_UPDATE_COUNT: '6' }, logger);
    assert.equal(both.avgSectionUpdateCountForConsolidation, 6);
  });

  it('names the variable and its range when a value is bad', () => {
    assert.throws(
      () => resolveConfig({}, { AVG_SECTION_UPDATE_COUNT: 'lots' }),
      (e: unknown) => e instanceof ConfigError && e.message === 'AVG_SECTION_UPDATE_COUNT must be a number greater than 0 and at most 1000, got "lots"',
    );
    assert.throws(() => resolveConfig({}, { SHORTTERM_UPDATE_THRESHOLD: '2.5' }), /SHORTTERM_UPDATE_THRESHOLD must be an integer at least 1 and at most 10000, got "2.5"/);
    assert.throws(() => resolveConfig({}, { SHORTTERM_UPDATE_THRESHOLD: '0' }), /SHORTTERM_UPDATE_THRESHOLD must be an integer at least 1/);
    assert.throws(() => resolveConfig({}, { AGENT_MEM_SLEEP_CHECK_HOURS: '1000' }), /AGENT_MEM_SLEEP_CHECK_HOURS must be a number greater than 0 and at most 596, got "1000"/);
    assert.throws(() => resolveConfig({}, { AGENT_MEM_PG_POOL_SIZE: '' }), /AGENT_MEM_PG_POOL_SIZE must be an integer at least 1 and at most 1000, got ""/);
    assert.throws(() => resolveConfig({}, { AGENT_MEM_PGVECTOR: 'maybe' }), /AGENT_MEM_PGVECTOR/);
    assert.throws(() => resolveConfig({ avgSectionUpdateCountForConsolidation: -1 }, {}), /config.avgSectionUpdateCountForConsolidation: must be a number greater than 0/);
    assert.throws(() => resolveConfig({ postgres: { poolSize: 0 } }, {}), /config.postgres.poolSize: must be an integer at least 1/);
    assert.throws(() => resolveConfig({ postgres: { poolSzie: 4 } as never }, {}), /config.postgres/);
    assert.throws(() => resolveDatabaseUrl(undefined, { DATABASE_URL: 'mysql://x' }), /DATABASE_URL must be a postgres/);
  });

  it('places the embedded store under AGENT_MEM_DIR or ./.agent-mem', () => {
    assert.equal(resolveDataDir(undefined, {}), `${process.cwd()}/.agent-mem`);
    assert.equal(resolveDataDir(undefined, { AGENT_MEM_DIR: '/tmp/x' }), '/tmp/x');
    assert.equal(resolveDataDir('/tmp/y', { AGENT_MEM_DIR: '/tmp/x' }), '/tmp/y');
    assert.equal(resolveDatabaseUrl(undefined, { DATABASE_URL: '' }), undefined);
  });

  it('bounds the server settings: the port (option or PORT) and the body limit', async () => {
    assert.equal(resolvePort(undefined, { PORT: '9000' }), 9000);
    assert.equal(resolvePort(0, { PORT: 'x' }), 0);
    assert.throws(() => resolvePort(undefined, { PORT: 'eighty' }), (e: unknown) => e instanceof ConfigError && /PORT must be an integer from 0 to 65535, got "eighty"/.test(e.message));
    assert.throws(() => resolvePort(undefined, { PORT: '70000' }), /PORT must be an integer from 0 to 65535/);
    assert.throws(() => resolvePort(80.5), /port must be an integer from 0 to 65535, got 80.5/);
    const mem = await openTestMem('sqlite');
    try {
      for (const maxBodyBytes of [0, 512, 2 ** 31, 1.5e6 + 0.5]) {
        assert.throws(() => createApp({ mem, maxBodyBytes }), (e: unknown) => e instanceof ConfigError && /maxBodyBytes must be an integer from 1024 to 1073741824/.test(e.message));
      }
    } finally {
      await mem.close();
    }
  });

  it('schedules a trigger check interval past the longest timer Node.js keeps at that longest delay, never at 1 ms', async () => {
    const mem = await openTestMem('sqlite');
    const delays: number[] = [];
    const original = globalThis.setInterval;
    const spy = mock.method(globalThis, 'setInterval', (...args: Parameters<typeof setInterval>) => {
      delays.push(Number(args[1]));
      return original(...args);
    });
    try {
      const service = mem.startSleepService({ intervalHours: 1000 });
      await service.stop();
    } finally {
      spy.mock.restore();
      await mem.close();
    }
    assert.ok(delays.includes(2 ** 31 - 1), `the check runs every 2^31 − 1 ms: ${delays}`);
    assert.ok(delays.every((ms) => ms >= 1 && ms <= 2 ** 31 - 1), `every delay within setInterval's range: ${delays}`);
  });
});
