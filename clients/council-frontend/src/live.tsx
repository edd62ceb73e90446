import { CombinedGraphQLErrors, type ErrorLike, type OperationVariables, type TypedDocumentNode } from '@apollo/client';
import { useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';

/**
 * Keeps a list on the page up to date from a subscription. The subscription's
 * results go into Apollo's normalized cache, so an item the list already holds
 * is shown changed without asking again; what to do with one it does not hold
 * is the caller's (`onData`).
 *
 * The order matters: the gateway sends every change committed after the
 * stream opens, so the list is read once the stream is open (`ready`), and
 * read again (`reread`) whenever it opens after the list was read: a
 * reopening after a cut connection, or a new subscription after the graph
 * ended the last one with `extensions.reconnect: true` (SUBSCRIPTION_CLOSED,
 * or UNAUTHENTICATED when the token expired), since changes may have been
 * missed in between. A stream slow to open does not hold the list back for
 * long: it is read after OPEN_WAIT_MS anyway, and again once the stream opens.
 */

export type LiveState = 'opening' | 'live' | 'reconnecting' | 'off';

export interface Live {
  state: LiveState;
  /** Whether the list may be read now: the stream is open, or has failed, or took too long. */
  ready: boolean;
  /** Why the stream stopped for good (a refusal, a network failure), for `<Problems>`. */
  error: ErrorLike | undefined;
  /** A short notice that the list was read again after live updates were interrupted. */
  notice: string | null;
}

const OPEN_WAIT_MS = 3_000;
/** First wait before subscribing again; doubles while the graph keeps ending the stream before any change arrives. */
const RESUBSCRIBE_MS = 1_000;

export function useLive<TData, TVariables extends OperationVariables>(
  subscription: TypedDocumentNode<TData, TVariables>,
  options: { variables: TVariables; reread: () => unknown; onData?: (data: TData) => void },
): Live {
  const [state, setState] = useState<LiveState>('opening');
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<ErrorLike>();
  const [notice, setNotice] = useState<string | null>(null);
  // Read by callbacks that outlive a render: the latest options, and what has happened so far.
  const latest = useRef(options);
  latest.current = options;
  const listRead = useRef(false);
  const resubscribe = useRef(false);
  const attempts = useRef(0);
  const again = useRef<ReturnType<typeof setTimeout>>(undefined);

  const release = () => {
    listRead.current = true;
    setReady(true);
  };

  const { restart } = useSubscription(subscription, {
    variables: options.variables,
    // Created once with the subscription: it reads the refs, never a stale render's values.
    context: {
      onStreamOpen: (reopened: boolean) => {
        if (listRead.current) {
          void latest.current.reread();
          if (reopened || resubscribe.current) setNotice('Live updates were interrupted: reconnected, and the list has been read again.');
        }
        resubscribe.current = false;
        setError(undefined);
        setState('live');
        release();
      },
    },
    onData: ({ data }) => {
      attempts.current = 0;
      if (data.data) latest.current.onData?.(data.data);
    },
    onError: (failure) => {
      if (CombinedGraphQLErrors.is(failure) && failure.errors.some((each) => each.extensions?.reconnect === true)) {
        // Subscribed again once this stream completes (onComplete), then the list is read again when it opens.
        resubscribe.current = true;
        setState('reconnecting');
        return;
      }
      setError(failure);
      setState('off');
      release();
    },
    onComplete: () => {
      if (!resubscribe.current) {
        setState('off');
        release();
        return;
      }
      const wait = RESUBSCRIBE_MS * 2 ** Math.min(attempts.current++, 5);
      again.current = setTimeout(restart, wait);
    },
  });

  useEffect(() => {
    const timer = setTimeout(release, OPEN_WAIT_MS);
    return () => {
      clearTimeout(timer);
      clearTimeout(again.current);
    };
  }, []);

  return { state, ready, error, notice };
}

const LABELS: Record<LiveState, string> = {
  opening: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  off: 'Not live: reload to see changes',
};

/** Whether changes are arriving, beside the list they change. */
export function LiveBadge({ live }: { live: Live }) {
  return (
    <span className={`live live-${live.state}`} data-live={live.state} role="status">
      {LABELS[live.state]}
    </span>
  );
}
