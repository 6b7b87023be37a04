/**
 * Child process for the replay-queue test: writes through a UnifiedMemoryBackend over a live
 * server (`up`) and a dead one (`down`), keeping what `down` missed in `queueFile`, prints
 * `written`, and waits to be killed.
 */
import { createRemoteBackend } from '../../src/backends/create.js';
import { UnifiedMemoryBackend } from '../../src/backends/unified-backend.js';

const { queueFile, upUrl, downUrl } = JSON.parse(process.argv[2]!) as { queueFile: string; upUrl: string; downUrl: string };
const unified = new UnifiedMemoryBackend(
  [
    { backend: createRemoteBackend({ url: upUrl, name: 'up', timeoutMs: 2000 }), priority: 10, maxRetries: 0 },
    { backend: createRemoteBackend({ url: downUrl, name: 'down', timeoutMs: 500 }), priority: 1, maxRetries: 0 },
  ],
  { healthCheckIntervalMs: 0, queueFile },
);
await unified.store({ userId: 'alice', key: 'city', value: 'Lisbon' });
await unified.store({ userId: 'alice', key: 'food', value: 'sushi' });
await unified.store({ userId: 'bob', key: 'city', value: 'Porto' });
await unified.delete('alice', 'food');
process.stdout.write('written\n');
setInterval(() => {}, 60_000);
