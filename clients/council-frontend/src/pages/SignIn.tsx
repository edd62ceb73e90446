import { type FormEvent, useState } from 'react';
import { type Claims, pasteToken, startOidcSignIn } from '../auth';

/**
 * Development sign-in: paste a token minted with `npm run token -- --role
 * citizen --account 12` (or `--role staff --org S12000036`). The button
 * beside it is where a real OpenID Connect sign-in starts (auth.ts).
 */
export function SignIn({ claims, onSignedIn }: { claims: Claims | null; onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const refused = pasteToken(token);
    setProblem(refused);
    if (!refused) onSignedIn();
  };
  return (
    <section>
      <h1>Sign in</h1>
      {claims && (
        <p>
          Signed in as <strong>{claims.role}</strong> ({claims.sub})
        </p>
      )}
      <div className="panel">
        <h2>With ScotAccount</h2>
        <button
          type="button"
          disabled
          title="Not configured in this example"
          onClick={() => {
            startOidcSignIn();
          }}
        >
          Sign in with ScotAccount
        </button>
        <p className="muted">
          A real council front end signs in here with OpenID Connect (authorization code with PKCE against the issuer the graph trusts). This example has no
          issuer to redirect to: see <code>src/auth.ts</code>.
        </p>
      </div>
      <form onSubmit={submit} className="panel">
        <h2>With a development token</h2>
        <label htmlFor="token">
          Token (from <code>npm run token -- --role citizen --account 12</code>)
        </label>
        <textarea id="token" name="token" rows={5} value={token} onChange={(event) => setToken(event.target.value)} spellCheck={false} />
        {problem && (
          <div className="problem" role="alert">
            {problem}
          </div>
        )}
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}
