/** "Query plan": how the gateway split the last operation between the subgraphs, when the gateway shows plans to this viewer. */
import { useSyncExternalStore } from 'react';
import { lastResult, onResult } from './last-result';

export function QueryPlanPanel() {
  const last = useSyncExternalStore(onResult, lastResult);
  const plan = last?.result.extensions?.__queryPlanExperimental;
  if (!last) return <p className="playground-panel-note">Run an operation to see the gateway's plan for it.</p>;
  if (typeof plan !== 'string') {
    return (
      <p className="playground-panel-note">
        The gateway shows query plans outside production, and in production to the roles in QUERY_PLAN_ROLES; none came with the last answer.
      </p>
    );
  }
  return <pre className="playground-plan">{plan}</pre>;
}
