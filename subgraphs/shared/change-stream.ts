import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../platform/errors';
import { PushQueue } from '../../platform/push-queue';
import type { ChangeFeed } from './notifications';

/** Changes one subscriber may have waiting before it is ended (a stalled client must not hold them all in memory). */
const MAX_WAITING = 1_000;

export interface ChangeStreamOptions<T> {
  /** Which changes this subscriber is told of (its own payment, its organisation's …). */
  accept(change: T): boolean;
  /**
   * The listening connection was lost and made again: changes sent meanwhile
   * are gone. Return a change to deliver in their place (the watched record,
   * to read again), or null to end the subscription asking the client to
   * subscribe again and re-read what it shows.
   */
  afterGap(): T | null;
}

/**
 * A subscriber's changes on one LISTEN/NOTIFY channel, as the async iterator
 * a GraphQL `subscribe` returns. It resolves once the channel is listened
 * to, so a subscriber that has its stream misses no change committed after.
 * Ending it (the client went away) stops listening at once. A subscriber
 * more than 1,000 changes behind, or one whose changes may have been lost,
 * is ended with SUBSCRIPTION_CLOSED and a reconnect hint rather than shown a
 * silently incomplete picture.
 */
export async function changesOn<T>(feed: ChangeFeed, channel: string, options: ChangeStreamOptions<T>): Promise<AsyncIterableIterator<T>> {
  const queue = new PushQueue<T>(MAX_WAITING, () => stop());
  const off = feed.on(channel, (payload) => {
    const change = payload as T;
    if (!options.accept(change)) return;
    if (!queue.push(change)) fail('This subscriber fell too far behind the changes: subscribe again.');
  });
  const offGap = feed.onGap(() => {
    const change = options.afterGap();
    if (change === null) fail('Some changes may have been missed: subscribe again, and read again what you show.');
    else if (!queue.push(change)) fail('This subscriber fell too far behind the changes: subscribe again.');
  });
  const stop = () => {
    off();
    offGap();
  };
  // The error goes last, past a full queue: the subscriber reads what it has, then why it ends.
  const fail = (message: string) => {
    stop();
    failure = new GraphQLError(message, { extensions: { code: ErrorCode.SUBSCRIPTION_CLOSED, reconnect: true } });
    queue.end();
  };
  let failure: GraphQLError | null = null;
  try {
    await feed.ready();
  } catch (error) {
    stop();
    throw error;
  }
  // A plain iterator, not a generator: `return` must end it at once, even while a `next` waits on a quiet channel.
  const changes: AsyncIterableIterator<T> = {
    async next() {
      const result = await queue.next();
      if (result.done && failure) {
        const error = failure;
        failure = null;
        throw error;
      }
      return result;
    },
    return: () => queue.return(),
    [Symbol.asyncIterator]: () => changes,
  };
  return changes;
}
