import { ValidationError } from '../errors.js';
import { entriesOf, entryOf, matchesQuery, newestFirst } from './entries.js';
import type { FactClient } from './fact-client.js';
import type { MemoryBackend, MemoryEntry, SearchOptions, StoreEntryInput } from './memory-backend.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_SEARCH_LIMIT = 20;

/** A MemoryBackend over the facts API of an agent-mem, wherever that runs. */
export class FactMemoryBackend implements MemoryBackend {
  constructor(
    readonly name: string,
    private readonly client: FactClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async store(entry: StoreEntryInput): Promise<MemoryEntry> {
    await this.client.put(entry.userId, entry.key, entry.value, entry.metadata ?? {});
    const stored = entryOf(await this.client.versions(entry.userId, entry.key));
    if (!stored) throw new Error(`${this.name}: "${entry.key}" was written but cannot be read back`);
    return stored;
  }

  async retrieve(userId: string, key: string): Promise<MemoryEntry | null> {
    return entryOf(await this.client.versions(userId, key));
  }

  async search(query: string, options: SearchOptions = {}): Promise<MemoryEntry[]> {
    const users = options.userId ? [options.userId] : await this.client.users();
    const entries = (await Promise.all(users.map((u) => this.getAll(u)))).flat();
    return entries.filter((e) => matchesQuery(e, query)).sort(newestFirst).slice(0, options.limit ?? DEFAULT_SEARCH_LIMIT);
  }

  async getAll(userId: string): Promise<MemoryEntry[]> {
    return entriesOf(await this.client.listAllVersions(userId)).sort(newestFirst);
  }

  delete(userId: string, key: string): Promise<boolean> {
    return this.client.delete(userId, key);
  }

  async healthCheck(): Promise<boolean> {
    try {
      await this.client.ping();
      return true;
    } catch {
      return false;
    }
  }

  async cleanup(maxAgeDays: number): Promise<number> {
    if (!(maxAgeDays > 0)) throw new ValidationError('maxAgeDays must be a positive number', [{ field: 'maxAgeDays', reason: 'must be a positive number' }]);
    const cutoff = new Date(this.now().getTime() - maxAgeDays * DAY_MS).toISOString();
    let removed = 0;
    for (const userId of await this.client.users()) {
      for (const entry of await this.getAll(userId)) {
        if (entry.updatedAt < cutoff && (await this.client.delete(userId, entry.key))) removed += 1;
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    await this.client.close?.();
  }
}
