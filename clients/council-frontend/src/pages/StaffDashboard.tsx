import { skipToken, useLazyQuery, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { formatDate, formatPence, formatTime, paymentStatusLabel } from '../format';
import { graphql } from '../gql';
import type { CouncilPaymentsLiveSubscription } from '../gql/graphql';
import { type Live, LiveBadge, useLive } from '../live';
import { Problems } from '../problems';

const DASHBOARD = graphql(`
  query StaffDashboard($org: ID!) {
    organisation(id: $org) {
      id
      name
      integrations {
        id
        serviceName
        domain
        status
      }
      learners(first: 10) {
        edges {
          cursor
          node {
            statements
            coursesCompleted
            lastActiveAt
            account {
              id
              assuranceLevel
            }
          }
        }
      }
    }
  }
`);

// What a row of the payments table shows: the list and the live changes ask for the same fields, so a change
// replaces the whole cache entry a row reads (Payment:<id>) and the row shows it without asking again.
graphql(`
  fragment CouncilPaymentRow on Payment {
    id
    amount
    direction
    status
    finished
    reference
    createdAt
  }
`);

// Its own operation, so that each further page asks for payments only, not the whole dashboard again.
const COUNCIL_PAYMENTS = graphql(`
  query CouncilPayments($org: ID!, $after: String) {
    organisation(id: $org) {
      id
      payments(first: 10, after: $after) {
        totalCount
        edges {
          cursor
          node {
            ...CouncilPaymentRow
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

// Every change to one of the council's payments, as it commits, with the fields of a row.
const COUNCIL_PAYMENTS_LIVE = graphql(`
  subscription CouncilPaymentsLive($org: ID!) {
    organisationPaymentsUpdated(organisationId: $org) {
      ...CouncilPaymentRow
    }
  }
`);

type LivePayment = CouncilPaymentsLiveSubscription['organisationPaymentsUpdated'];

const CITIZEN = graphql(`
  query CitizenLookup($id: ID!) {
    account(id: $id) {
      id
      assuranceLevel
      verifiedAttributes {
        kind
        value
      }
      attributesVisibleToYou {
        reason
        kinds
      }
    }
  }
`);

const VISIBILITY: Record<string, string> = {
  OWN_ACCOUNT: 'This is your own account.',
  CONSENTED: 'The citizen has consented to share these details with your organisation.',
  CONSENT_WITHDRAWN: 'The citizen has withdrawn their consent: their details are no longer shared with you.',
  NO_CONSENT: 'The citizen has not consented to share any details with your organisation.',
};

/** Staff look up one citizen; every lookup is a fresh request, so a withdrawn consent shows at once. */
function CitizenLookup() {
  const [id, setId] = useState('');
  const [lookUp, { data, error, loading, called }] = useLazyQuery(CITIZEN, { fetchPolicy: 'network-only' });
  const account = data?.account;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void lookUp({ variables: { id: id.trim() } });
  };
  return (
    <div className="panel">
      <h2>Look up a citizen</h2>
      <form onSubmit={submit} className="inline-form">
        <label>
          Account id <input name="account-id" value={id} onChange={(event) => setId(event.target.value)} size={40} />
        </label>
        <button type="submit" disabled={loading || !id.trim()}>
          Look up
        </button>
      </form>
      <Problems error={error} />
      {account && (
        <div data-testid="citizen">
          <p>
            Identity confidence: <strong>{account.assuranceLevel}</strong>
          </p>
          <p data-visibility={account.attributesVisibleToYou.reason}>{VISIBILITY[account.attributesVisibleToYou.reason]}</p>
          {account.verifiedAttributes.length > 0 ? (
            <dl>
              {account.verifiedAttributes.map((attribute) => (
                <div key={attribute.kind}>
                  <dt>{attribute.kind.toLowerCase().replace(/_/g, ' ')}</dt>
                  <dd>{attribute.value}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="muted">No details to show.</p>
          )}
        </div>
      )}
      {called && !loading && !account && !error && <p className="muted">No such account.</p>}
    </div>
  );
}

/**
 * A council's payments, ten at a time: each "Next" fetches the page after the
 * last cursor and relayStylePagination (apollo.ts) appends it to the list.
 * Live (live.tsx): a change to a payment in the list shows in its row through
 * the cache; a payment newer than the top of the list is not in any page read
 * so far, so it is announced above the list until staff ask for the first
 * page again (rather than moving the rows they are reading).
 */
function CouncilPayments({ organisationId }: { organisationId: string }) {
  const [fresh, setFresh] = useState<LivePayment[]>([]);
  const readAgain = (): Promise<unknown> => {
    setFresh([]);
    return list.refetch();
  };
  const live: Live = useLive(COUNCIL_PAYMENTS_LIVE, {
    variables: { org: organisationId },
    reread: readAgain,
    onData: ({ organisationPaymentsUpdated: payment }) => {
      const edges = list.data?.organisation?.payments?.edges ?? [];
      if (edges.some(({ node }) => node.id === payment.id)) return;
      const top = edges[0]?.node.createdAt;
      if (top && Date.parse(payment.createdAt) <= Date.parse(top)) return; // on a page not read yet: read when staff get there
      setFresh((shown) => [payment, ...shown.filter((each) => each.id !== payment.id)]);
    },
  });
  // Read once the live stream is open, so no change falls between the two (live.tsx).
  const list = useQuery(COUNCIL_PAYMENTS, live.ready ? { variables: { org: organisationId }, notifyOnNetworkStatusChange: true } : skipToken);
  const { data, error, loading, fetchMore } = list;
  const payments = data?.organisation?.payments;
  return (
    <>
      <h2>
        Payments <LiveBadge live={live} />
      </h2>
      <Problems error={error} onRetry={() => void readAgain()} />
      <Problems error={live.error} />
      {live.notice && (
        <p className="notice" role="status" data-testid="live-notice">
          {live.notice}
        </p>
      )}
      {fresh.length > 0 && (
        <div className="notice" role="status" data-testid="new-payments">
          {fresh.length === 1 ? 'A new payment' : `${fresh.length} new payments`} since the list was read:{' '}
          {fresh
            .slice(0, 3)
            .map((payment) => `${payment.reference} ${formatPence(payment.amount)} (${paymentStatusLabel(payment.status)})`)
            .join(', ')}
          {fresh.length > 3 ? ', …' : ''}
          <button type="button" onClick={() => void readAgain()}>
            Show in the list
          </button>
        </div>
      )}
      {payments ? (
        <>
          <table data-testid="council-payments">
            <thead>
              <tr>
                <th>Date</th>
                <th>Reference</th>
                <th>Direction</th>
                <th className="number">Amount</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {payments.edges.map(({ node }) => (
                <tr key={node.id} data-payment={node.id}>
                  <td>{formatTime(node.createdAt)}</td>
                  <td>{node.reference}</td>
                  <td>{node.direction === 'INBOUND' ? 'In' : 'Out'}</td>
                  <td className="number">{formatPence(node.amount)}</td>
                  <td>
                    <span className={`status status-${node.status.toLowerCase()}`}>{paymentStatusLabel(node.status)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" data-testid="payments-count">
            Showing {payments.edges.length} of {payments.totalCount} payments.{' '}
            {payments.pageInfo.hasNextPage && (
              <button type="button" disabled={loading} onClick={() => void fetchMore({ variables: { after: payments.pageInfo.endCursor } })}>
                Next 10 payments
              </button>
            )}
          </p>
        </>
      ) : (
        <p className="muted">{loading || !live.ready ? 'Loading…' : 'Payments are not available just now.'}</p>
      )}
    </>
  );
}

/** One council's staff: its payments (paged with relayStylePagination), its learners and its myaccount integrations. */
export function StaffDashboard({ organisationId }: { organisationId: string }) {
  const { data, error, loading, refetch } = useQuery(DASHBOARD, { variables: { org: organisationId } });
  const organisation = data?.organisation;
  if (!organisation) {
    return (
      <section>
        <h1>Council dashboard</h1>
        {loading ? <p>Loading…</p> : <Problems error={error} onRetry={() => void refetch()} />}
      </section>
    );
  }
  const { learners, integrations } = organisation;
  return (
    <section>
      <h1>{organisation.name}: dashboard</h1>
      <Problems error={error} onRetry={() => void refetch()} />

      <CouncilPayments organisationId={organisationId} />

      <div className="columns">
        <div>
          <h2>Learners</h2>
          {learners ? (
            <table data-testid="learners">
              <thead>
                <tr>
                  <th>Account</th>
                  <th className="number">Statements</th>
                  <th className="number">Courses completed</th>
                  <th>Last active</th>
                </tr>
              </thead>
              <tbody>
                {learners.edges.map(({ cursor, node }) => (
                  <tr key={cursor}>
                    <td>
                      {node.account ? `${node.account.id.slice(0, 8)}… (${node.account.assuranceLevel})` : <span className="muted">not visible to you</span>}
                    </td>
                    <td className="number">{node.statements}</td>
                    <td className="number">{node.coursesCompleted}</td>
                    <td>{formatDate(node.lastActiveAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">Learners are not available just now.</p>
          )}
        </div>
        <div>
          <h2>myaccount integrations</h2>
          {integrations ? (
            <ul className="cards" data-testid="integrations">
              {integrations.map((integration) => (
                <li key={integration.id} className="card">
                  <strong>{integration.serviceName}</strong> <span className="muted">{integration.domain}</span> · {integration.status.toLowerCase()}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Integrations are not available just now.</p>
          )}
        </div>
      </div>
      <CitizenLookup />
    </section>
  );
}
