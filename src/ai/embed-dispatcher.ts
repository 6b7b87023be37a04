import os from 'node:os';
import type { EmbedWorker } from './embed-workers.js';
import { embedHere, MODEL_BATCH } from './local-model.js';
import { LoopLoad } from './loop-load.js';

interface Job {
  texts: string[];
  resolve(vectors: Float32Array[]): void;
  reject(error: unknown): void;
}

/** Texts the local model embedded in this process, by thread; `agent_mem_embedded_texts_by_thread_total` reads it. */
export const embeddedTexts = { calling: 0, worker: 0 };

/** How much longer or shorter than a merged call's first text another may be (in characters) and still be merged with it. */
const LENGTH_SPREAD = 1.4;

/** Batches of a large call each worker holds at once, so none waits for the calling thread to hand it the next. */
const BULK_PER_WORKER = 2;

const CORES = os.availableParallelism();

/**
 * Merged small calls embedded at once: the cores the event loop leaves. Merging is cheaper
 * per text than running calls side by side, so while the event loop is busy (searches: their store
 * work runs there) calls wait for the merged call in flight rather than take its core; while it is
 * mostly idle (additions: a long text's embedding is nearly all of their cost) its core embeds too.
 */
function smallInFlightLimit(loopLoad: number): number {
  return Math.max(1, CORES - Math.round(loopLoad));
}

/**
 * Hands the local model's work to worker threads so that the calling thread (a server's event loop)
 * stays free and every core embeds. Small calls (a query, a section update, a fact: at most one
 * batch) wait for an idle warm worker, and those that arrived meanwhile go to it together in one
 * model call, which costs about half as much per text as one call each. (Keeping a call made alone
 * on the calling thread does not work in a server: its event loop runs one request's embedding at
 * a time, so every call would look alone.) Batches of large calls (ingestion, re-embedding) fill
 * the workers' other slots, never ahead of a waiting small call. Until some worker has loaded its
 * model, and for what a failed worker leaves, the calling thread embeds.
 */
export class EmbedDispatcher {
  private readonly small: Job[] = [];
  private readonly bulk: Job[] = [];
  private smallInFlight = 0;
  private readonly loopLoad = new LoopLoad();

  constructor(private readonly workers: readonly EmbedWorker[]) {
    for (const worker of workers) worker.onSettled(() => this.dispatch());
  }

  /** At most MODEL_BATCH texts, embedded in one model call (possibly with other small calls). */
  embedSmall(texts: string[]): Promise<Float32Array[]> {
    for (const worker of this.workers) worker.warmUp();
    return this.workers.some((w) => w.warm) ? this.enqueue(this.small, texts) : here(texts);
  }

  /** One batch of a large call. */
  embedBatch(texts: string[]): Promise<Float32Array[]> {
    return this.workers.length === 0 ? here(texts) : this.enqueue(this.bulk, texts);
  }

  private enqueue(queue: Job[], texts: string[]): Promise<Float32Array[]> {
    return new Promise((resolve, reject) => {
      queue.push({ texts, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.small.length > 0 && !this.workers.some((w) => w.warm)) this.runHere(this.small.splice(0));
    const smallLimit = smallInFlightLimit(this.loopLoad.current());
    for (const worker of this.workers) {
      for (;;) {
        if (this.small.length > 0) {
          if (!worker.warm || worker.inFlight > 0 || this.smallInFlight >= smallLimit) break;
          this.send(worker, this.takeSmall(), true);
        } else if (this.bulk.length > 0 && worker.inFlight < BULK_PER_WORKER) {
          this.send(worker, this.bulk.splice(0, 1), false);
        } else break;
      }
    }
  }

  /**
   * The oldest small call, and those waiting behind it whose texts are about as long as its longest,
   * as many as fit in one model call. The model pads every text of a call to the longest one, so
   * merging texts of unlike lengths costs more than embedding them apart (10 texts of 5 to 60 words:
   * 774 ms in one call, 618 ms one by one; 10 of 25 words: 332 ms against 437 ms).
   */
  private takeSmall(): Job[] {
    const first = this.small.shift()!;
    const longest = Math.max(...first.texts.map((t) => t.length));
    const alike = (job: Job) => job.texts.every((t) => t.length <= longest * LENGTH_SPREAD && t.length * LENGTH_SPREAD >= longest);
    const taken = [first];
    let count = first.texts.length;
    for (let i = 0; i < this.small.length && count < MODEL_BATCH; ) {
      const job = this.small[i]!;
      if (count + job.texts.length <= MODEL_BATCH && alike(job)) {
        taken.push(...this.small.splice(i, 1));
        count += job.texts.length;
      } else i++;
    }
    return taken;
  }

  private send(worker: EmbedWorker, jobs: Job[], small: boolean): void {
    const texts = jobs.flatMap((job) => job.texts);
    if (small) this.smallInFlight++;
    worker
      .embed(texts)
      .then(
        (vectors) => {
          embeddedTexts.worker += texts.length;
          let at = 0;
          for (const job of jobs) job.resolve(vectors.slice(at, (at += job.texts.length)));
        },
        () => this.runHere(jobs),
      )
      .finally(() => {
        if (!small) return;
        this.smallInFlight--;
        this.dispatch();
      });
  }

  private runHere(jobs: Job[]): void {
    for (const job of jobs) here(job.texts).then(job.resolve, job.reject);
  }
}

/** Embeds on the calling thread. */
async function here(texts: string[]): Promise<Float32Array[]> {
  const vectors = await embedHere(texts);
  embeddedTexts.calling += texts.length;
  return vectors;
}
