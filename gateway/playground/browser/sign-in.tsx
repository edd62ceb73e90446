/** The bar above GraphiQL: who is signed in, a place to paste a token, and a visible "Sign out". */
import { useState, useSyncExternalStore } from 'react';
import { type SignInConfig, startSignIn } from './oidc';
import { claims, onSessionChange, signIn, signOut, token } from './session';

/** With an issuer configured, "Sign in" goes there (PKCE); with the development issuer, a token is pasted. */
export function SignInBar({ oidc, problem }: { oidc: SignInConfig | null; problem: string | null }) {
  const current = useSyncExternalStore(onSessionChange, token);
  const [pasted, setPasted] = useState('');
  const who = current ? claims() : null;
  const expires = who?.exp ? new Date(who.exp * 1000) : null;
  return (
    <div className="playground-signin" role="region" aria-label="sign in">
      <strong>Scotland common-platforms graph</strong>
      {current ? (
        <>
          <span className="playground-signed-in">
            Signed in{who?.role ? ` as ${who.role}` : ''}
            {expires ? ` until ${expires.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}` : ''} (this tab only)
          </span>
          <button type="button" className="graphiql-button" onClick={signOut}>
            Sign out
          </button>
        </>
      ) : oidc ? (
        <>
          <button type="button" className="graphiql-button" onClick={() => void startSignIn(oidc)}>
            Sign in with {new URL(oidc.issuer).host}
          </button>
          {problem && <span role="alert">{problem}</span>}
        </>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            signIn(pasted);
            setPasted('');
            // The schema (and so the explorer and docs) is fetched again with the token, which may see more.
            window.location.reload();
          }}
        >
          <input
            aria-label="token"
            type="password"
            placeholder="Paste a token (npm run token -- --role analyst)"
            value={pasted}
            onChange={(event) => setPasted(event.target.value)}
          />
          <button type="submit" className="graphiql-button">
            Sign in
          </button>
        </form>
      )}
    </div>
  );
}
