import { Client } from 'pg';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Postgres LISTEN/NOTIFY as a subgraph's change feed. A write calls
 * `notify` inside its own transaction, so Postgres delivers the message only
 * if the transaction commits (a rolled-back change sends nothing), and to
 * every listening process (every replica of every subgraph). Channels are
 * database-wide, so each is named `<subgraph>_<concept>`.
 *
 * A payload is JSON and must stay under Postgres' 8,000-byte limit: send keys
 * and the few columns a listener needs, never a whole document.
 */
export async function notify(tx: EntityManager | DataSource, channel: string, payload: unknown): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(payload)]);
}

export type ChangeHandler = (payload: unknown) => void;

export interface ChangeFeed {
  /** Calls `handler` with each payload on `channel`, from the next commit on; returns the unsubscribe. */
  on(channel: string, handler: ChangeHandler): () => void;
  /**
   * Called after the listening connection was lost and made again: any
   * message sent meanwhile is gone, so a listener that keeps state (a cache)
   * drops it here.
   */
  onGap(handler: () => void): () => void;
  /** Resolves once the channels asked for so far are being listened to. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface ChangeFeedOptions {
  /** A connection URL; the feed holds one connection of its own, outside the subgraph's pool. */
  url: string;
  log: Logger;
  /** Wait before connecting again after the connection is lost. @default 1,000 ms */
  retryMs?: number;
}

/**
 * One listening connection per process, shared by every channel and
 * handler: Postgres fans a notification out to connections, and this fans it
 * out to handlers, so a thousand subscribers cost one connection.
 */
export function listenForChanges(options: ChangeFeedOptions): ChangeFeed {
  const retryMs = options.retryMs ?? 1_000;
  const handlers = new Map<string, Set<ChangeHandler>>();
  const gapHandlers = new Set<() => void>();
  let client: Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;
  let everConnected = false;
  let retry: NodeJS.Timeout | null = null;

  const quote = (channel: string) => `"${channel.replaceAll('"', '""')}"`;

  const deliver = (channel: string, text: string | undefined) => {
    let payload: unknown;
    try {
      payload = text === undefined ? null : JSON.parse(text);
    } catch {
      options.log.warn({ channel }, 'notification with a payload that is not JSON ignored');
      return;
    }
    for (const handler of handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        options.log.error({ err: error, channel }, 'notification handler failed');
      }
    }
  };

  const connect = (): Promise<void> => {
    connecting ??= (async () => {
      const next = new Client({ connectionString: options.url, application_name: 'cpg-changes' });
      next.on('notification', (message) => deliver(message.channel, message.payload));
      next.on('error', (error) => lost(next, error));
      next.on('end', () => lost(next, new Error('connection ended')));
      try {
        await next.connect();
        for (const channel of handlers.keys()) await next.query(`LISTEN ${quote(channel)}`);
      } catch (error) {
        lost(next, error as Error);
        throw error;
      }
      client = next;
      if (everConnected) {
        options.log.info({ channels: [...handlers.keys()] }, 'change feed connected again; messages sent meanwhile were missed');
        for (const handler of gapHandlers) handler();
      }
      everConnected = true;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  const lost = (which: Client, error: Error) => {
    if (client !== null && client !== which) return;
    client = null;
    which.removeAllListeners('end');
    void which.end().catch(() => undefined);
    if (closed || retry) return;
    options.log.warn({ err: error.message }, 'change feed connection lost; connecting again');
    retry = setTimeout(() => {
      retry = null;
      connect().catch(() => undefined);
    }, retryMs);
    retry.unref();
  };

  return {
    on(channel, handler) {
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        if (client) client.query(`LISTEN ${quote(channel)}`).catch((error: Error) => lost(client!, error));
        else if (!connecting && !closed) connect().catch(() => undefined);
      }
      set.add(handler);
      return () => {
        set.delete(handler);
      };
    },
    onGap(handler) {
      gapHandlers.add(handler);
      return () => gapHandlers.delete(handler);
    },
    async ready() {
      if (closed) return;
      if (!client) await (connecting ?? connect());
      // A LISTEN sent by `on` while connected is queued on the client ahead of this.
      await client?.query('SELECT 1');
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await connecting?.catch(() => undefined);
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners('end');
        current.removeAllListeners('error');
        current.on('error', () => undefined);
        await current.end().catch(() => undefined);
      }
    },
  };
}
