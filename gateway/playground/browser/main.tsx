/**
 * The playground's browser side: GraphiQL over the gateway's own /graphql,
 * with the query builder (explorer), results as a table with CSV and a chart,
 * the shared example collections and the query plan. Bundled by ../build.ts
 * into static files the gateway serves itself (no CDN).
 */
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-sse';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './playground.css';
import { examplesPanel, type Example } from './examples-panel';
import { publish } from './last-result';
import { finishSignIn, type SignInConfig } from './oidc';
import { QueryPlanPanel } from './query-plan-panel';
import { ResultsPanel } from './results-panel';
import { token } from './session';
import { SignInBar } from './sign-in';

interface PlaygroundConfig {
  endpoint: string;
  examples: Example[];
  signIn: SignInConfig | null;
}

const config = JSON.parse(document.getElementById('playground-config')?.textContent ?? '{}') as PlaygroundConfig;
const base = createGraphiQLFetcher({ url: new URL(config.endpoint, window.location.href).toString() });

type Answer = Parameters<typeof publish>[0]['result'];

/** The answer GraphiQL shows: the plan is read in its own panel rather than at the foot of every result. */
function shown(answer: Answer, operationName: string | null): Answer {
  if (operationName === 'IntrospectionQuery') return answer;
  publish({ operationName, result: answer });
  if (!answer.extensions || !('__queryPlanExperimental' in answer.extensions)) return answer;
  const { __queryPlanExperimental: _plan, ...extensions } = answer.extensions;
  return { ...answer, extensions: Object.keys(extensions).length ? extensions : undefined };
}

/**
 * Every request carries the tab's token (unless the headers editor sets its
 * own) and asks for the query plan; each answer is published to the panels.
 * The toolkit's fetcher answers with a stream of parts (incremental delivery),
 * so parts are passed through one by one.
 */
const fetcher = (async (params: Parameters<Fetcher>[0], options: Parameters<Fetcher>[1]) => {
  const signedIn = token();
  const headers = { 'Apollo-Query-Plan-Experimental': '1', ...(signedIn ? { Authorization: `Bearer ${signedIn}` } : {}), ...options?.headers };
  if (isSubscription(params.query, params.operationName)) return subscribe(params, headers);
  const result = await base(params, { ...options, headers });
  const operationName = params.operationName ?? null;
  if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
    const parts = result as AsyncIterable<Answer>;
    return (async function* () {
      for await (const part of parts) yield shown(part, operationName);
    })();
  }
  return shown(result as Answer, operationName);
  // The toolkit's types allow only its own result shapes; these are the same objects, the plan extension aside.
}) as Fetcher;

/** Whether the operation to run is a subscription; a document that does not parse goes to the server, which says why. */
function isSubscription(query: string, operationName: string | null | undefined): boolean {
  try {
    return getOperationAST(parse(query), operationName ?? undefined)?.operation === 'subscription';
  } catch {
    return false;
  }
}

/**
 * A subscription, over GraphQL over SSE on the same endpoint: GraphiQL shows
 * each event as it arrives, and stopping the operation closes the stream.
 */
function subscribe(params: Parameters<Fetcher>[0], headers: Record<string, string>) {
  const client = createClient({ url: new URL(config.endpoint, window.location.href).toString(), singleConnection: false, retryAttempts: 0, headers });
  const events = client.iterate<Record<string, unknown>>({
    query: params.query,
    variables: params.variables ?? undefined,
    operationName: params.operationName ?? undefined,
  });
  const operationName = params.operationName ?? null;
  return (async function* () {
    try {
      for await (const event of events) yield shown(event as Answer, operationName);
    } finally {
      client.dispose();
    }
  })();
}

const icon = (text: string) =>
  function Icon() {
    return (
      <span aria-hidden="true" className="playground-icon">
        {text}
      </span>
    );
  };

const plugins = [
  explorerPlugin({ showAttribution: false }),
  { title: 'Results table', icon: icon('▦'), content: ResultsPanel },
  { title: 'Examples', icon: icon('★'), content: examplesPanel(config.examples) },
  { title: 'Query plan', icon: icon('⑂'), content: QueryPlanPanel },
];

function render(problem: string | null) {
  createRoot(document.getElementById('playground')!).render(
    <div className="playground-layout">
      <SignInBar oidc={config.signIn} problem={problem} />
      <div className="playground-graphiql">
        <GraphiQL
          fetcher={fetcher}
          plugins={plugins}
          defaultTabs={config.examples.map((example) => ({ query: example.query }))}
          // The headers editor stays for one-off headers (and a token pasted there wins over the sign-in bar's).
          defaultEditorToolsVisibility="headers"
          isHeadersEditorEnabled
          // Nothing from the headers editor is kept in the browser's storage.
          shouldPersistHeaders={false}
        />
      </div>
    </div>,
  );
}

// Back from the issuer's sign-in page: the token is in place before GraphiQL fetches the schema with it.
void (config.signIn ? finishSignIn(config.signIn).catch((error: Error) => error.message) : Promise.resolve(null)).then(render);
