import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import type { Logger } from './logger.js';

/** A number within bounds, whose message says the bounds (the environment's errors reuse it). */
function bounded(min: number, max: number, options: { integer?: boolean; exclusiveMin?: boolean } = {}) {
  const what = options.integer ? 'an integer' : 'a number';
  const low = options.exclusiveMin ? `greater than ${min}` : `at least ${min}`;
  const message = `must be ${what} ${low} and at most ${max}`;
  let schema = z.number({ error: message }).max(max, message);
  schema = options.exclusiveMin ? schema.gt(min, message) : schema.min(min, message);
  return (options.integer ? schema.int(message) : schema).describe(message);
}

/** setInterval's longest delay (2^31 − 1 ms) in hours, rounded down. */
const MAX_INTERVAL_HOURS = 596;

const postgresSchema = z.strictObject({
  /** Connections in the pool. */
  poolSize: bounded(1, 1000, { integer: true }),
  /** How long acquiring or opening a connection may take before the call fails as unavailable. */
  connectTimeoutMs: bounded(100, 600_000, { integer: true }),
  /** How long one statement may run before the call fails as unavailable. */
  statementTimeoutMs: bounded(100, 3_600_000, { integer: true }),
  /** `auto` uses pgvector (HNSW) when the extension is available; `off` scans vectors exactly. */
  pgvector: z.enum(['auto', 'off']),
  /** Scopes with at most this many vectors are searched by an exact scan instead of HNSW. */
  exactScanMax: bounded(0, 10_000_000, { integer: true }),
});

/** Every setting AgentMem reads, with its default. Options win over the environment. */
export const configSchema = z.strictObject({
  /** Average updates per section before active memory consolidates (threshold = this × sections). */
  avgSectionUpdateCountForConsolidation: bounded(0, 1000, { exclusiveMin: true }),
  /** Consolidations of a short-term memory before it is promoted to long-term. */
  shorttermUpdateCountThreshold: bounded(1, 10_000, { integer: true }),
  /** Newest entries kept in `stateHistory` and `promotionHistory` arrays. */
  historyLimit: bounded(1, 10_000, { integer: true }),
  /** Seconds a run's lock lives without renewal; the holder renews it every third of that. */
  lockTtlSeconds: bounded(1, 86_400, { integer: true }),
  /** Hours between trigger checks of the background sleep-cycle service. */
  sleepCheckIntervalHours: bounded(0, MAX_INTERVAL_HOURS, { exclusiveMin: true }),
  /** Background runs (consolidations, sleep cycles) one process runs at once; unset: half the PostgreSQL pool, 1 on SQLite. */
  backgroundConcurrency: bounded(1, 1000, { integer: true }).optional(),
  /** Milliseconds between a worker's looks for due work (and for runs whose process died). */
  backgroundPollMs: bounded(100, 10_000, { integer: true }),
  /** `local`, `openai:<model>` or `openai-compatible:<baseURL>#<model>`. */
  embeddings: z.string().min(1),
  /** Unset (no LLM), `openai:<model>`, `anthropic:<model>` or `openai-compatible:<baseURL>#<model>`. */
  llm: z.string().min(1).optional(),
  /** Milliseconds an LLM call may take before the deterministic path takes over. */
  llmTimeoutMs: bounded(100, 600_000, { integer: true }),
  /** Milliseconds a SQLite write waits for another process's lock before failing as unavailable. */
  sqliteBusyTimeoutMs: bounded(0, 600_000, { integer: true }),
  postgres: postgresSchema,
});

export type AgentMemConfig = z.infer<typeof configSchema>;
export type PostgresConfig = AgentMemConfig['postgres'];

/** What callers may pass: any top-level setting, and any of the PostgreSQL ones. */
export type AgentMemConfigInput = Partial<Omit<AgentMemConfig, 'postgres'>> & { postgres?: Partial<PostgresConfig> };

const defaults: AgentMemConfig = {
  avgSectionUpdateCountForConsolidation: 5.0,
  shorttermUpdateCountThreshold: 10,
  historyLimit: 50,
  lockTtlSeconds: 60,
  sleepCheckIntervalHours: 6,
  backgroundConcurrency: undefined,
  backgroundPollMs: 2_000,
  embeddings: 'local',
  llm: undefined,
  llmTimeoutMs: 30_000,
  sqliteBusyTimeoutMs: 15_000,
  postgres: { poolSize: 10, connectTimeoutMs: 5_000, statementTimeoutMs: 30_000, pgvector: 'auto', exactScanMax: 10_000 },
};

interface EnvBinding {
  variable: string;
  /** Where the value goes: a top-level key, or `postgres.<key>`. */
  path: [keyof AgentMemConfig] | ['postgres', keyof PostgresConfig];
  kind: 'number' | 'string';
  deprecatedFor?: string;
}

const envBindings: EnvBinding[] = [
  { variable: 'AVG_SECTION_UPDATE_COUNT', path: ['avgSectionUpdateCountForConsolidation'], kind: 'number' },
  { variable: 'ACTIVE_MEMORY_UPDATE_THRESHOLD', path: ['avgSectionUpdateCountForConsolidation'], kind: 'number', deprecatedFor: 'AVG_SECTION_UPDATE_COUNT' },
  { variable: 'SHORTTERM_UPDATE_THRESHOLD', path: ['shorttermUpdateCountThreshold'], kind: 'number' },
  { variable: 'AGENT_MEM_HISTORY_LIMIT', path: ['historyLimit'], kind: 'number' },
  { variable: 'AGENT_MEM_LOCK_TTL_SECONDS', path: ['lockTtlSeconds'], kind: 'number' },
  { variable: 'AGENT_MEM_SLEEP_CHECK_HOURS', path: ['sleepCheckIntervalHours'], kind: 'number' },
  { variable: 'AGENT_MEM_BACKGROUND_CONCURRENCY', path: ['backgroundConcurrency'], kind: 'number' },
  { variable: 'AGENT_MEM_BACKGROUND_POLL_MS', path: ['backgroundPollMs'], kind: 'number' },
  { variable: 'AGENT_MEM_EMBEDDINGS', path: ['embeddings'], kind: 'string' },
  { variable: 'AGENT_MEM_LLM', path: ['llm'], kind: 'string' },
  { variable: 'AGENT_MEM_LLM_TIMEOUT_MS', path: ['llmTimeoutMs'], kind: 'number' },
  { variable: 'AGENT_MEM_SQLITE_BUSY_TIMEOUT_MS', path: ['sqliteBusyTimeoutMs'], kind: 'number' },
  { variable: 'AGENT_MEM_PG_POOL_SIZE', path: ['postgres', 'poolSize'], kind: 'number' },
  { variable: 'AGENT_MEM_PG_CONNECT_TIMEOUT_MS', path: ['postgres', 'connectTimeoutMs'], kind: 'number' },
  { variable: 'AGENT_MEM_PG_STATEMENT_TIMEOUT_MS', path: ['postgres', 'statementTimeoutMs'], kind: 'number' },
  { variable: 'AGENT_MEM_PGVECTOR', path: ['postgres', 'pgvector'], kind: 'string' },
  { variable: 'AGENT_MEM_PG_EXACT_SCAN_MAX', path: ['postgres', 'exactScanMax'], kind: 'number' },
];

/** The schema of one setting, for its error message. */
function settingSchema(binding: EnvBinding): z.ZodType {
  const [first, second] = binding.path;
  return second === undefined ? configSchema.shape[first] : postgresSchema.shape[second];
}

function readEnv(binding: EnvBinding, raw: string): unknown {
  const value = binding.kind === 'number' ? (raw.trim() === '' ? Number.NaN : Number(raw)) : raw;
  const parsed = settingSchema(binding).safeParse(value);
  if (!parsed.success) {
    const reason = settingSchema(binding).description ?? parsed.error.issues[0]!.message;
    throw new ConfigError(`${binding.variable} ${reason}, got "${raw}"`, { variable: binding.variable });
  }
  return parsed.data;
}

function fromEnvironment(env: NodeJS.ProcessEnv, logger?: Logger): AgentMemConfigInput {
  const result: Record<string, unknown> = {};
  const postgres: Record<string, unknown> = {};
  // Deprecated aliases first, so the current name wins when both are set.
  const ordered = [...envBindings].sort((a, b) => Number(!a.deprecatedFor) - Number(!b.deprecatedFor));
  for (const binding of ordered) {
    const raw = env[binding.variable];
    if (raw === undefined) continue;
    if (binding.deprecatedFor) logger?.warn(`${binding.variable} is deprecated; use ${binding.deprecatedFor} instead`);
    const [first, second] = binding.path;
    if (second === undefined) result[first] = readEnv(binding, raw);
    else postgres[second] = readEnv(binding, raw);
  }
  return { ...result, postgres } as AgentMemConfigInput;
}

/** How many background runs a process runs at once: the setting, else half the pool on PostgreSQL, 1 on SQLite. */
export function backgroundConcurrencyOf(config: AgentMemConfig, storeKind: string): number {
  return config.backgroundConcurrency ?? (storeKind === 'sqlite' ? 1 : Math.max(1, Math.floor(config.postgres.poolSize / 2)));
}

/** Merges defaults, environment and options; a bad value throws a ConfigError naming it. */
export function resolveConfig(options: AgentMemConfigInput = {}, env: NodeJS.ProcessEnv = process.env, logger?: Logger): AgentMemConfig {
  const fromEnv = fromEnvironment(env, logger);
  const given = stripUndefined(options);
  const merged = {
    ...defaults,
    ...stripUndefined(fromEnv),
    ...given,
    postgres: { ...defaults.postgres, ...fromEnv.postgres, ...stripUndefined(options.postgres ?? {}) },
  };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || issue.message;
    throw new ConfigError(`config.${field}: ${issue.message}`, { field });
  }
  return parsed.data;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Where the embedded store lives: `dataDir`, else `AGENT_MEM_DIR`, else `./.agent-mem`. */
export function resolveDataDir(dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(dataDir ?? env.AGENT_MEM_DIR ?? '.agent-mem');
}

/** `databaseUrl`, else `DATABASE_URL`; only postgres:// URLs are accepted. */
export function resolveDatabaseUrl(databaseUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = databaseUrl ?? (env.DATABASE_URL || undefined);
  if (url === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError(`DATABASE_URL must be a postgres:// or postgresql:// URL, got "${url}"`, {
      variable: 'DATABASE_URL',
    });
  }
  return url;
}
