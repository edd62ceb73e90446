import { CombinedGraphQLErrors, type ErrorLike, ServerError } from '@apollo/client';

interface GraphError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/** The field a path ends in, for the user: ["organisation", "learners", "nodes", 3, "account"] → "account". */
function fieldOf(path: readonly (string | number)[] | undefined): string {
  return [...(path ?? [])].reverse().find((segment): segment is string => typeof segment === 'string') ?? 'this';
}

function Problem({ error, onRetry }: { error: GraphError; onRetry?: () => void }) {
  const code = String(error.extensions?.code ?? 'UNKNOWN');
  switch (code) {
    case 'SERVICE_UNAVAILABLE':
      // The graph answered the rest: show it, and offer to try the missing part again.
      return (
        <div className="problem problem-partial" role="alert" data-code={code}>
          <strong>Part of this page could not be loaded</strong> ({String(error.extensions?.serviceName ?? 'a service')} is not answering
          {error.path ? `; missing: ${fieldOf(error.path)}` : ''}). Everything else is shown.
          {onRetry && (
            <button type="button" onClick={onRetry}>
              Try again
            </button>
          )}
        </div>
      );
    case 'FORBIDDEN': {
      const count = typeof error.extensions?.count === 'number' ? error.extensions.count : 1;
      return (
        <div className="problem problem-refused" role="status" data-code={code}>
          <strong>Not visible to you:</strong> {count === 1 ? `one ${fieldOf(error.path)}` : `${count} × ${fieldOf(error.path)}`}. Your organisation may not see{' '}
          {count === 1 ? 'it' : 'them'}; they are left blank.
        </div>
      );
    }
    case 'UNAUTHENTICATED':
      return (
        <div className="problem problem-refused" role="alert" data-code={code}>
          <strong>Please sign in</strong> to see this. <a href="#/sign-in">Sign in</a>
        </div>
      );
    case 'RATE_LIMITED':
      return (
        <div className="problem" role="alert" data-code={code}>
          <strong>Too many requests.</strong> Wait a minute, then try again.
        </div>
      );
    default:
      return (
        <div className="problem" role="alert" data-code={code}>
          <strong>Something went wrong</strong> ({code}): {error.message}
          {onRetry && (
            <button type="button" onClick={onRetry}>
              Try again
            </button>
          )}
        </div>
      );
  }
}

/**
 * What the graph could not answer, next to what it did. A front end never
 * treats an error as all-or-nothing: with errorPolicy "all" the data that
 * came back is shown, and each refused or missing part is explained here.
 */
export function Problems({ error, onRetry }: { error: ErrorLike | undefined; onRetry?: () => void }) {
  if (!error) return null;
  if (CombinedGraphQLErrors.is(error)) {
    return (
      <div className="problems">
        {error.errors.map((each, i) => (
          <Problem key={i} error={each as GraphError} onRetry={onRetry} />
        ))}
      </div>
    );
  }
  const status = ServerError.is(error) ? ` (HTTP ${error.statusCode})` : '';
  return (
    <div className="problems">
      <Problem error={{ message: `The graph could not be reached${status}: ${error.message}`, extensions: { code: 'NETWORK' } }} onRetry={onRetry} />
    </div>
  );
}
