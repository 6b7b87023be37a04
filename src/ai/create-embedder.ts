import { ConfigError } from '../errors.js';
import type { Embedder } from './embedder.js';
import { LocalEmbedder } from './local-embedder.js';

/** Builds the embedder named by `AGENT_MEM_EMBEDDINGS` / `config.embeddings`. */
export async function createEmbedder(spec: string): Promise<Embedder> {
  if (spec === 'local') return new LocalEmbedder();
  throw new ConfigError(`AGENT_MEM_EMBEDDINGS: unknown embedder "${spec}"; expected local`, { variable: 'AGENT_MEM_EMBEDDINGS' });
}
