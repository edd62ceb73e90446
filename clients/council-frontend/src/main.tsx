import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './apollo';
import { App } from './App';
import { currentToken } from './auth';
import { loadFrontEndConfig } from './config';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

loadFrontEndConfig().then(
  ({ graphUrl }) => {
    const client = createClient(graphUrl, currentToken);
    root.render(
      <StrictMode>
        <ApolloProvider client={client}>
          <App />
        </ApolloProvider>
      </StrictMode>,
    );
  },
  (error: unknown) => root.render(<p role="alert">This page is not configured: {error instanceof Error ? error.message : String(error)}</p>),
);
