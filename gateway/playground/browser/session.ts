/**
 * The analyst's token, kept for this browser tab only (sessionStorage: gone
 * when the tab closes, never shared with other tabs, never in localStorage)
 * and sent as the Authorization header of every request the playground makes,
 * the schema's introspection included.
 */
const KEY = 'scotland-graph.playground.token';
const listeners = new Set<() => void>();

export function token(): string | null {
  return sessionStorage.getItem(KEY);
}

/** Takes a pasted token, with or without its "Bearer " prefix. */
export function signIn(pasted: string): void {
  const value = pasted.trim().replace(/^Bearer\s+/i, '');
  if (value) sessionStorage.setItem(KEY, value);
  listeners.forEach((listener) => listener());
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The claims a signed-in analyst is shown (role, organisation, expiry); the token is not checked here, the gateway does that. */
export function claims(): { role?: string; org?: string; exp?: number } | null {
  const value = token();
  if (!value) return null;
  try {
    const payload = value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)) as { role?: string; org?: string; exp?: number };
  } catch {
    return null;
  }
}
