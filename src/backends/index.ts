export type { MemoryBackend, MemoryEntry, SearchOptions, StoreEntryInput } from './memory-backend.js';
export type { FactClient } from './fact-client.js';
export { FactMemoryBackend } from './fact-backend.js';
export { createLocalBackend, createRemoteBackend, type RemoteBackendOptions } from './create.js';
export { DEFAULT_MAX_QUEUED_WRITES, UnifiedMemoryBackend, type BackendSettings, type BackendStatus, type UnifiedBackendOptions } from './unified-backend.js';
