/** Highest priority first; equal priorities in insertion order. Small queues only (one entry per scope). */
export class PriorityQueue<T> {
  private readonly entries: Array<{ item: T; priority: number; seq: number }> = [];
  private seq = 0;

  get size(): number {
    return this.entries.length;
  }

  push(item: T, priority: number): void {
    const entry = { item, priority, seq: this.seq++ };
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.entries[mid]!.priority >= priority) low = mid + 1;
      else high = mid;
    }
    this.entries.splice(low, 0, entry);
  }

  pop(): T | undefined {
    return this.entries.shift()?.item;
  }

  find(predicate: (item: T) => boolean): T | undefined {
    return this.entries.find((e) => predicate(e.item))?.item;
  }

  remove(predicate: (item: T) => boolean): void {
    const index = this.entries.findIndex((e) => predicate(e.item));
    if (index >= 0) this.entries.splice(index, 1);
  }

  items(): T[] {
    return this.entries.map((e) => e.item);
  }
}
