/** One key-value entry of a user; stored as a semantic fact (the key's history is kept). */
export interface MemoryEntry {
  userId: string;
  key: string;
  value: string;
  /** When the key was first written. */
  createdAt: string;
  /** When its current value was written. */
  updatedAt: string;
  metadata: Record<string, unknown>;
}

export interface StoreEntryInput {
  userId: string;
  key: string;
  value: string;
  metadata?: Record<string, unknown>;
}

export interface SearchOptions {
  /** Only this user's entries (default: every user of the tenant). */
  userId?: string;
  /** Most entries returned (default 20). */
  limit?: number;
}

/** A key-value memory store: one small interface, one module per driver. */
export interface MemoryBackend {
  readonly name: string;
  store(entry: StoreEntryInput): Promise<MemoryEntry>;
  /** The entry, or null when the user has no such key. */
  retrieve(userId: string, key: string): Promise<MemoryEntry | null>;
  /** Entries whose key or value holds every word of `query` (case-insensitive), newest first. */
  search(query: string, options?: SearchOptions): Promise<MemoryEntry[]>;
  getAll(userId: string): Promise<MemoryEntry[]>;
  /** Whether the key existed. */
  delete(userId: string, key: string): Promise<boolean>;
  /** Whether the backend answers; never throws. */
  healthCheck(): Promise<boolean>;
  /** Deletes entries not updated for `maxAgeDays`; returns how many. */
  cleanup(maxAgeDays: number): Promise<number>;
}
