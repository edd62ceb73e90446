import type { BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import type { Viewer } from '../platform/tokens';
import type { RateLimitSubject } from './rate-limit';

/** What the gateway knows of one request while it plans and fetches. */
export interface GatewayContext extends BaseContext {
  requestId: string;
  log: Logger;
  viewer: Viewer;
  /** Passed on to the subgraphs, which verify it again themselves. */
  authorization: string | undefined;
  /** Whose rate-limit budget the request spends; null = not limited. */
  rateLimit: RateLimitSubject | null;
}
