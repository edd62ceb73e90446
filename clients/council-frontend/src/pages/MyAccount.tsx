import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { formatDate, formatPence, formatTime, paymentStatusLabel } from '../format';
import { graphql } from '../gql';
import { type Live, LiveBadge, useLive } from '../live';
import { Problems } from '../problems';

const MY_ACCOUNT = graphql(`
  query MyAccount($after: String) {
    me {
      id
      assuranceLevel
      payments(first: 5, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            amount
            direction
            status
            finished
            reference
            description
            createdAt
            organisation {
              id
              name
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
      courseProgress {
        status
        bestScore
        lastActiveAt
        course {
          id
          title
          theme
        }
      }
    }
  }
`);

// Its own operation, so that a consent given elsewhere reads the consents again, not the whole account.
const MY_CONSENTS = graphql(`
  query MyConsents {
    me {
      id
      consents {
        id
        active
        purpose
        attributes
        givenAt
        withdrawnAt
        organisation {
          id
          name
        }
      }
    }
  }
`);

// Each of the citizen's consents as it is given or withdrawn, here or in another tab. Consent has an id, so a
// withdrawal updates the card through the cache; a consent not yet on the page reads the list again.
const MY_CONSENTS_LIVE = graphql(`
  subscription MyConsentsLive {
    consentsUpdated {
      id
      active
      withdrawnAt
    }
  }
`);

const WITHDRAW_CONSENT = graphql(`
  mutation WithdrawConsent($id: ID!) {
    withdrawConsent(id: $id) {
      id
      active
      withdrawnAt
    }
  }
`);

/** Who the citizen shares their details with, kept current by consentsUpdated (live.tsx), with withdraw. */
function MyConsents() {
  const [withdraw, withdrawal] = useMutation(WITHDRAW_CONSENT);
  const readAgain = (): Promise<unknown> => list.refetch();
  const live: Live = useLive(MY_CONSENTS_LIVE, {
    variables: {},
    reread: readAgain,
    onData: ({ consentsUpdated: consent }) => {
      if (!list.data?.me?.consents.some((each) => each.id === consent.id)) void readAgain();
    },
  });
  // Read once the live stream is open, so no change falls between the two (live.tsx).
  const list = useQuery(MY_CONSENTS, live.ready ? { fetchPolicy: 'cache-and-network' } : skipToken);
  const consents = list.data?.me?.consents;
  return (
    <>
      <h2>
        Who I share my details with <LiveBadge live={live} />
      </h2>
      <Problems error={list.error} onRetry={() => void readAgain()} />
      <Problems error={live.error} />
      <Problems error={withdrawal.error} />
      {live.notice && (
        <p className="notice" role="status" data-testid="live-notice">
          {live.notice}
        </p>
      )}
      {consents ? (
        <ul className="cards" data-testid="my-consents">
          {consents.map((consent) => (
            <li key={consent.id} className={consent.active ? 'card' : 'card card-muted'} data-consent={consent.id}>
              <strong>{consent.organisation?.name ?? 'An organisation'}</strong> — {consent.purpose}
              <br />
              Shares: {consent.attributes.join(', ').toLowerCase().replace(/_/g, ' ')}
              <br />
              <span className="muted">
                Given {formatDate(consent.givenAt)}
                {consent.withdrawnAt ? `, withdrawn ${formatTime(consent.withdrawnAt)}` : ''}
              </span>
              {consent.active && (
                <button type="button" disabled={withdrawal.loading} onClick={() => void withdraw({ variables: { id: consent.id } })}>
                  Withdraw
                </button>
              )}
            </li>
          ))}
          {consents.length === 0 && <li className="muted">You have not shared your details with anyone.</li>}
        </ul>
      ) : (
        <p className="muted">{list.loading || !live.ready ? 'Loading…' : 'Your consents are not available just now.'}</p>
      )}
    </>
  );
}

/** A citizen's own account: their payments, the consents they gave (with withdraw) and their learning. */
export function MyAccount() {
  const { data, error, loading, fetchMore, refetch } = useQuery(MY_ACCOUNT, { fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true });
  const me = data?.me;
  if (!me) {
    return (
      <section>
        <h1>My account</h1>
        {loading ? <p>Loading…</p> : null}
        <Problems error={error} onRetry={() => void refetch()} />
      </section>
    );
  }
  const payments = me.payments;
  return (
    <section>
      <h1>My account</h1>
      <p className="muted">
        Identity confidence: <strong>{me.assuranceLevel}</strong>
      </p>
      <Problems error={error} onRetry={() => void refetch()} />

      <h2>My payments</h2>
      {payments ? (
        <>
          <table data-testid="my-payments">
            <thead>
              <tr>
                <th>Date</th>
                <th>To / from</th>
                <th>For</th>
                <th className="number">Amount</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {payments.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{formatTime(node.createdAt)}</td>
                  <td>{node.organisation?.name ?? '—'}</td>
                  <td>
                    {node.description} <span className="muted">({node.reference})</span>
                  </td>
                  <td className="number">{(node.direction === 'OUTBOUND' ? '+' : '') + formatPence(node.amount)}</td>
                  <td>
                    <span className={`status status-${node.status.toLowerCase()}`}>{paymentStatusLabel(node.status)}</span>
                    {node.finished ? null : <span className="muted"> (not finished)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Showing {payments.edges.length} of {payments.totalCount}.{' '}
            {payments.pageInfo.hasNextPage && (
              <button type="button" disabled={loading} onClick={() => void fetchMore({ variables: { after: payments.pageInfo.endCursor } })}>
                Show more payments
              </button>
            )}
          </p>
        </>
      ) : (
        <p className="muted">Payments are not available just now.</p>
      )}

      <MyConsents />

      <h2>My learning</h2>
      {me.courseProgress ? (
        <ul className="cards" data-testid="my-learning">
          {me.courseProgress.map((progress) => (
            <li key={progress.course.id} className="card">
              <strong>{progress.course.title}</strong> <span className="muted">({progress.course.theme})</span>
              <br />
              {progress.status.replace('_', ' ').toLowerCase()}
              {progress.bestScore !== null && progress.bestScore !== undefined ? `, best score ${Math.round(progress.bestScore * 100)}%` : ''}
              <span className="muted"> · last active {formatDate(progress.lastActiveAt)}</span>
            </li>
          ))}
          {me.courseProgress.length === 0 && <li className="muted">No courses yet.</li>}
        </ul>
      ) : (
        <p className="muted">Learning records are not available just now.</p>
      )}
    </section>
  );
}
