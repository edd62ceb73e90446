import { PushQueue } from './push-queue';

describe('PushQueue', () => {
  it('hands items to a waiting reader, then queued ones in order, and ends after what is queued', async () => {
    const queue = new PushQueue<number>(10);
    const waiting = queue.next();
    expect(queue.push(1)).toBe(true);
    expect(await waiting).toEqual({ value: 1, done: false });
    queue.push(2);
    queue.push(3);
    queue.end();
    expect(queue.push(4)).toBe(false);
    const read: number[] = [];
    for await (const item of queue) read.push(item);
    expect(read).toEqual([2, 3]);
  });

  it('refuses an item beyond its limit, so a reader that falls behind cannot grow it without bound', () => {
    const queue = new PushQueue<number>(2);
    expect([queue.push(1), queue.push(2), queue.push(3)]).toEqual([true, true, false]);
  });

  it('drops what is queued and tells its owner once when the reader returns', async () => {
    let returned = 0;
    const queue = new PushQueue<number>(5, () => (returned += 1));
    queue.push(1);
    const pending = new PushQueue<number>(5);
    const read = pending.next();
    await queue.return();
    await queue.return();
    expect(returned).toBe(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
    await pending.return();
    expect(await read).toEqual({ value: undefined, done: true });
  });
});
