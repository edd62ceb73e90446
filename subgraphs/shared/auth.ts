import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { ErrorCode } from '../../platform/errors';
import type { Role, Viewer } from '../../platform/tokens';

export type { Role, Viewer };

export function unauthenticated(): GraphQLError {
  return new GraphQLError('Sign in to see this.', { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

/** The same answer whether or not the record exists, so a refusal reveals nothing. */
export function forbidden(): GraphQLError {
  return new GraphQLError('You may not see or change this.', { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** Anonymous callers are told to sign in; signed-in callers without one of the roles are refused. */
export function requireRole(viewer: Viewer, ...roles: Role[]): Role {
  if (viewer.role === null) throw unauthenticated();
  if (!roles.includes(viewer.role)) throw forbidden();
  return viewer.role;
}

/** Staff and partner services act for one organisation. */
export function actsFor(viewer: Viewer, organisationId: string): boolean {
  return (viewer.role === 'staff' || viewer.role === 'partner') && viewer.organisationId === organisationId;
}

export function requireSignedIn(viewer: Viewer): void {
  if (viewer.role === null) throw unauthenticated();
}

export function requireActsFor(viewer: Viewer, organisationId: string): void {
  requireSignedIn(viewer);
  if (!actsFor(viewer, organisationId)) throw forbidden();
}

/** A citizen is the holder of their own account (the token's subject). */
export function isAccountHolder(viewer: Viewer, accountId: string): boolean {
  return viewer.role === 'citizen' && viewer.subject === accountId;
}

/** For type-graphql's `@Authorized(roles)`: the same codes as the checks above. */
export const authChecker: AuthChecker<{ viewer: Viewer }, Role> = ({ context }, roles) => {
  requireRole(context.viewer, ...roles);
  return true;
};
