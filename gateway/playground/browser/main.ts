/**
 * The playground's browser side: GraphiQL over the gateway's own /graphql,
 * opened with the example operations the server put in the page. Bundled by
 * ../build.ts into static files the gateway serves itself (no CDN).
 */
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';

interface PlaygroundConfig {
  endpoint: string;
  tabs: { query: string }[];
}

const config = JSON.parse(document.getElementById('playground-config')?.textContent ?? '{}') as PlaygroundConfig;
const fetcher = createGraphiQLFetcher({ url: new URL(config.endpoint, window.location.href).toString() });

createRoot(document.getElementById('playground')!).render(
  createElement(GraphiQL, {
    fetcher,
    defaultTabs: config.tabs,
    // Open on the headers tab: that is where an analyst pastes `{"Authorization": "Bearer …"}`.
    defaultEditorToolsVisibility: 'headers',
    isHeadersEditorEnabled: true,
    // Tokens stay in the tab they were pasted in, not in the browser's storage.
    shouldPersistHeaders: false,
  }),
);
