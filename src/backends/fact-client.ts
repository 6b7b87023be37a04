import type { Fact } from '../model/fact.js';

/**
 * What a key-value backend needs from an agent-mem: the facts API of one tenant, in process or
 * remote. Unknown keys answer undefined / false, never throw.
 */
export interface FactClient {
  put(userId: string, key: string, value: string, metadata: Record<string, unknown>): Promise<void>;
  /** Every version of the key, oldest first (empty when unknown). */
  versions(userId: string, key: string): Promise<Fact[]>;
  /** Every version of every key of the user. */
  listAllVersions(userId: string): Promise<Fact[]>;
  delete(userId: string, key: string): Promise<boolean>;
  users(): Promise<string[]>;
  ping(): Promise<void>;
  close?(): Promise<void>;
}
