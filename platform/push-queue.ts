/**
 * An async iterable fed by pushes: what a subscription hands its transport.
 * Bounded: a consumer that falls `limit` items behind is not fed further;
 * `push` answers false and the producer decides (end it, or coalesce).
 * `end` lets the consumer read what is queued, then finishes; `return` (the
 * consumer going away) drops the queue and calls `onReturn` once.
 */
export class PushQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private ended = false;
  private returned = false;

  constructor(
    private readonly limit: number,
    private readonly onReturn: () => void = () => undefined,
  ) {}

  get done(): boolean {
    return this.ended || this.returned;
  }

  /** Queues `item`; false when the queue is ended or full. */
  push(item: T): boolean {
    if (this.done) return false;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
      return true;
    }
    if (this.items.length >= this.limit) return false;
    this.items.push(item);
    return true;
  }

  /** No more items: the consumer still reads what is queued. */
  end(): void {
    if (this.done) return;
    this.ended = true;
    if (this.waiting && this.items.length === 0) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.returned) {
      this.returned = true;
      this.items.length = 0;
      const resolve = this.waiting;
      this.waiting = null;
      resolve?.({ value: undefined, done: true });
      this.onReturn();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
