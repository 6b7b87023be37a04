// Embeds enough texts to start a worker thread, then simply ends: the process must exit by itself.
import { LocalEmbedder } from '../../../src/ai/local-embedder.js';

const texts = Array.from({ length: 100 }, (_, i) => `note ${i} about the garden`);
const vectors = await new LocalEmbedder({ workers: 1 }).embed(texts);
console.log(`${vectors.length} vectors`);
