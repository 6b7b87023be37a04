import { ConfigError } from '../errors.js';

/** A provider spec from the environment: `openai:<model>`, `anthropic:<model>`, `openai-compatible:<baseURL>#<model>`. */
export type ModelSpec =
  | { provider: 'openai'; model: string }
  | { provider: 'anthropic'; model: string }
  | { provider: 'openai-compatible'; baseURL: string; model: string };

export function parseModelSpec(spec: string, variable: string, allowed: ReadonlyArray<ModelSpec['provider']>): ModelSpec {
  const expected = `expected ${allowed.map((p) => (p === 'openai-compatible' ? 'openai-compatible:<baseURL>#<model>' : `${p}:<model>`)).join(' | ')}`;
  const colon = spec.indexOf(':');
  const provider = colon > 0 ? spec.slice(0, colon) : '';
  const rest = spec.slice(colon + 1);
  if (!(allowed as readonly string[]).includes(provider) || !rest) {
    throw new ConfigError(`${variable}: unknown model "${spec}"; ${expected}`, { variable });
  }
  if (provider !== 'openai-compatible') return { provider: provider as 'openai' | 'anthropic', model: rest };
  const hash = rest.lastIndexOf('#');
  const baseURL = hash > 0 ? rest.slice(0, hash) : '';
  const model = hash > 0 ? rest.slice(hash + 1) : '';
  if (!/^https?:\/\//.test(baseURL) || !model) {
    throw new ConfigError(`${variable}: "${spec}" needs an http(s) base URL and a model, as openai-compatible:<baseURL>#<model>`, { variable });
  }
  return { provider: 'openai-compatible', baseURL, model };
}
