import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { currentClaims, signOut } from './auth';
import { Datasets } from './pages/Datasets';
import { MyAccount } from './pages/MyAccount';
import { SignIn } from './pages/SignIn';
import { StaffDashboard } from './pages/StaffDashboard';

type Route = 'account' | 'staff' | 'datasets' | 'sign-in';

function routeOf(hash: string): Route {
  const name = hash.replace(/^#\/?/, '');
  return name === 'account' || name === 'staff' || name === 'sign-in' ? name : 'datasets';
}

/** Three pages and a sign-in, routed by the URL's hash so any static file server can serve the build. */
export function App() {
  const client = useApolloClient();
  const [route, setRoute] = useState<Route>(routeOf(location.hash));
  const [claims, setClaims] = useState(currentClaims());
  useEffect(() => {
    const onHash = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  // Another user's answers must not linger in the cache: clear it on every change of who is signed in.
  const changeUser = (next: typeof claims, to: Route) => {
    void client.clearStore();
    setClaims(next);
    location.hash = `#/${to}`;
  };
  const isStaff = claims?.role === 'staff' || claims?.role === 'partner';
  return (
    <>
      <header className="masthead">
        <span className="brand">Council services</span>
        <nav>
          <a href="#/datasets" aria-current={route === 'datasets' ? 'page' : undefined}>
            Open data
          </a>
          {claims?.role === 'citizen' && (
            <a href="#/account" aria-current={route === 'account' ? 'page' : undefined}>
              My account
            </a>
          )}
          {isStaff && (
            <a href="#/staff" aria-current={route === 'staff' ? 'page' : undefined}>
              Council dashboard
            </a>
          )}
          {claims ? (
            <button type="button" className="link" onClick={() => (signOut(), changeUser(null, 'datasets'))}>
              Sign out ({claims.role})
            </button>
          ) : (
            <a href="#/sign-in">Sign in</a>
          )}
        </nav>
      </header>
      <main>
        {route === 'sign-in' && (
          <SignIn
            claims={claims}
            onSignedIn={() => {
              const next = currentClaims();
              changeUser(next, next?.role === 'citizen' ? 'account' : next?.role === 'staff' || next?.role === 'partner' ? 'staff' : 'datasets');
            }}
          />
        )}
        {route === 'account' && (claims?.role === 'citizen' ? <MyAccount /> : <NeedsSignIn who="a citizen" />)}
        {route === 'staff' && (isStaff && claims?.org ? <StaffDashboard organisationId={claims.org} /> : <NeedsSignIn who="council staff" />)}
        {route === 'datasets' && <Datasets />}
      </main>
      <footer className="muted">An example front end over the Scotland common-platforms graph. Development tokens only.</footer>
    </>
  );
}

function NeedsSignIn({ who }: { who: string }) {
  return (
    <section>
      <p>
        This page is for {who}. <a href="#/sign-in">Sign in</a>
      </p>
    </section>
  );
}
