import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import type { Logger } from './logger.js';

/** Every setting AgentMem reads, with its default. Options win over the environment. */
export const configSchema = z.object({
  /** Average updates per section before active memory consolidates (threshold = this × sections). */
  avgSectionUpdateCountForConsolidation: z.number().positive(),
  /** Consolidations of a short-term memory before it is promoted to long-term. */
  shorttermUpdateCountThreshold: z.number().int().positive(),
  /** Newest entries kept in `stateHistory` and `promotionHistory` arrays. */
  historyLimit: z.number().int().positive(),
  /** Seconds a consolidation lock row lives on SQLite before a crashed holder is ignored. */
  lockTtlSeconds: z.number().int().positive(),
  /** Hours between trigger checks of the background sleep-cycle service. */
  sleepCheckIntervalHours: z.number().positive(),
  /** `local`, `openai:<model>` or `openai-compatible:<baseURL>#<model>`. */
  embeddings: z.string().min(1),
  /** Unset (no LLM), `openai:<model>`, `anthropic:<model>` or `openai-compatible:<baseURL>#<model>`. */
  llm: z.string().min(1).optional(),
  /** Milliseconds an LLM call may take before the deterministic path takes over. */
  llmTimeoutMs: z.number().int().positive(),
});

export type AgentMemConfig = z.infer<typeof configSchema>;

const defaults: AgentMemConfig = {
  avgSectionUpdateCountForConsolidation: 5.0,
  shorttermUpdateCountThreshold: 10,
  historyLimit: 50,
  lockTtlSeconds: 300,
  sleepCheckIntervalHours: 6,
  embeddings: 'local',
  llm: undefined,
  llmTimeoutMs: 30_000,
};

interface EnvBinding {
  variable: string;
  key: keyof AgentMemConfig;
  kind: 'number' | 'integer' | 'string';
  deprecatedFor?: string;
}

const envBindings: EnvBinding[] = [
  { variable: 'AVG_SECTION_UPDATE_COUNT', key: 'avgSectionUpdateCountForConsolidation', kind: 'number' },
  {
    variable: 'ACTIVE_MEMORY_UPDATE_THRESHOLD',
    key: 'avgSectionUpdateCountForConsolidation',
    kind: 'number',
    deprecatedFor: 'AVG_SECTION_UPDATE_COUNT',
  },
  { variable: 'SHORTTERM_UPDATE_THRESHOLD', key: 'shorttermUpdateCountThreshold', kind: 'integer' },
  { variable: 'AGENT_MEM_HISTORY_LIMIT', key: 'historyLimit', kind: 'integer' },
  { variable: 'AGENT_MEM_LOCK_TTL_SECONDS', key: 'lockTtlSeconds', kind: 'integer' },
  { variable: 'AGENT_MEM_SLEEP_CHECK_HOURS', key: 'sleepCheckIntervalHours', kind: 'number' },
  { variable: 'AGENT_MEM_EMBEDDINGS', key: 'embeddings', kind: 'string' },
  { variable: 'AGENT_MEM_LLM', key: 'llm', kind: 'string' },
  { variable: 'AGENT_MEM_LLM_TIMEOUT_MS', key: 'llmTimeoutMs', kind: 'integer' },
];

function parseEnvValue(binding: EnvBinding, raw: string): number | string {
  if (binding.kind === 'string') return raw;
  const value = Number(raw);
  const ok = raw.trim() !== '' && Number.isFinite(value) && (binding.kind === 'number' || Number.isInteger(value));
  if (!ok || value <= 0) {
    const expected = binding.kind === 'integer' ? 'a positive integer' : 'a positive number';
    throw new ConfigError(`${binding.variable} must be ${expected}, got "${raw}"`, { variable: binding.variable });
  }
  return value;
}

function fromEnvironment(env: NodeJS.ProcessEnv, logger?: Logger): Partial<AgentMemConfig> {
  const result: Record<string, unknown> = {};
  // Deprecated aliases first, so the current name wins when both are set.
  const ordered = [...envBindings].sort((a, b) => Number(!a.deprecatedFor) - Number(!b.deprecatedFor));
  for (const binding of ordered) {
    const raw = env[binding.variable];
    if (raw === undefined) continue;
    if (binding.deprecatedFor) {
      logger?.warn(`${binding.variable} is deprecated; use ${binding.deprecatedFor} instead`);
    }
    result[binding.key] = parseEnvValue(binding, raw);
  }
  return result as Partial<AgentMemConfig>;
}

/** Merges defaults, environment and options; a bad value throws a ConfigError naming it. */
export function resolveConfig(
  options: Partial<AgentMemConfig> = {},
  env: NodeJS.ProcessEnv = process.env,
  logger?: Logger,
): AgentMemConfig {
  const merged = { ...defaults, ...fromEnvironment(env, logger), ...stripUndefined(options) };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
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
