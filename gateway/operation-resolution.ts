import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../platform/errors';
import type { GatewayContext } from './context';

interface Refusal {
  code: ErrorCode;
  message: string;
}

/** What is wrong with the operation a request names, if anything: the client's mistake, or a subscription sent as a plain request. */
export function operationRefusal(document: DocumentNode, operation: OperationDefinitionNode | undefined, operationName: string | undefined): Refusal | null {
  if (!operation) {
    const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    if (operationName) return { code: ErrorCode.OPERATION_RESOLUTION_FAILURE, message: `Unknown operation named "${operationName.slice(0, 100)}".` };
    if (operations.length > 1) {
      return { code: ErrorCode.OPERATION_RESOLUTION_FAILURE, message: 'Must provide operation name if query contains multiple operations.' };
    }
    return { code: ErrorCode.OPERATION_RESOLUTION_FAILURE, message: 'The document holds no operation to run.' };
  }
  if (operation.operation === 'subscription') {
    return {
      code: ErrorCode.SUBSCRIPTION_NOT_SUPPORTED,
      message:
        'Subscriptions are served as event streams: send the same request with `accept: text/event-stream` (GraphQL over SSE, ' +
        'the graphql-sse protocol) or over a WebSocket to the same URL (the graphql-ws protocol).',
    };
  }
  return null;
}

/**
 * Refuses with HTTP 400 and a code of the vocabulary what the document and
 * `operationName` leave unresolved, and subscriptions that did not ask for an event stream, before the gateway
 * plans anything. Apollo Server hands both on to the gateway's executor,
 * whose own checks throw errors without a client code: they came out as
 * 500 INTERNAL_SERVER_ERROR with an error-level log line and a stack, for
 * what is a client's mistake, so anyone could fill the logs and page
 * whoever watches them. Logged at info, on the request's logger (its
 * request id).
 */
export function operationResolutionPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          const refusal = operationRefusal(document, operation, request.operationName);
          if (!refusal) return;
          contextValue.log.info({ code: refusal.code }, 'operation refused');
          throw new GraphQLError(refusal.message, { extensions: { code: refusal.code, http: { status: 400 } } });
        },
      };
    },
  };
}
