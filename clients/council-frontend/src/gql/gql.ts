/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query SearchDatasets($query: String, $filters: DatasetFilters, $after: String) {\n    searchDatasets(query: $query, filters: $filters, first: 10, after: $after) {\n      total\n      nodes {\n        id\n        title\n        theme\n        licence\n        modified\n        publisher {\n          id\n          name\n        }\n        distributions {\n          id\n          format\n          accessUrl\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n      facets {\n        themes {\n          value\n          count\n        }\n        publishers {\n          count\n          publisher {\n            id\n            name\n          }\n        }\n        formats {\n          value\n          count\n        }\n        licences {\n          value\n          count\n        }\n      }\n    }\n  }\n": typeof types.SearchDatasetsDocument,
    "\n  query MyAccount($after: String) {\n    me {\n      id\n      assuranceLevel\n      payments(first: 5, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            amount\n            direction\n            status\n            finished\n            reference\n            description\n            createdAt\n            organisation {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      courseProgress {\n        status\n        bestScore\n        lastActiveAt\n        course {\n          id\n          title\n          theme\n        }\n      }\n    }\n  }\n": typeof types.MyAccountDocument,
    "\n  query MyConsents {\n    me {\n      id\n      consents {\n        id\n        active\n        purpose\n        attributes\n        givenAt\n        withdrawnAt\n        organisation {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.MyConsentsDocument,
    "\n  subscription MyConsentsLive {\n    consentsUpdated {\n      id\n      active\n      withdrawnAt\n    }\n  }\n": typeof types.MyConsentsLiveDocument,
    "\n  mutation WithdrawConsent($id: ID!) {\n    withdrawConsent(id: $id) {\n      id\n      active\n      withdrawnAt\n    }\n  }\n": typeof types.WithdrawConsentDocument,
    "\n  query StaffDashboard($org: ID!) {\n    organisation(id: $org) {\n      id\n      name\n      integrations {\n        id\n        serviceName\n        domain\n        status\n      }\n      learners(first: 10) {\n        edges {\n          cursor\n          node {\n            statements\n            coursesCompleted\n            lastActiveAt\n            account {\n              id\n              assuranceLevel\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.StaffDashboardDocument,
    "\n  fragment CouncilPaymentRow on Payment {\n    id\n    amount\n    direction\n    status\n    finished\n    reference\n    createdAt\n  }\n": typeof types.CouncilPaymentRowFragmentDoc,
    "\n  query CouncilPayments($org: ID!, $after: String) {\n    organisation(id: $org) {\n      id\n      payments(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...CouncilPaymentRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.CouncilPaymentsDocument,
    "\n  subscription CouncilPaymentsLive($org: ID!) {\n    organisationPaymentsUpdated(organisationId: $org) {\n      ...CouncilPaymentRow\n    }\n  }\n": typeof types.CouncilPaymentsLiveDocument,
    "\n  query CitizenLookup($id: ID!) {\n    account(id: $id) {\n      id\n      assuranceLevel\n      verifiedAttributes {\n        kind\n        value\n      }\n      attributesVisibleToYou {\n        reason\n        kinds\n      }\n    }\n  }\n": typeof types.CitizenLookupDocument,
};
const documents: Documents = {
    "\n  query SearchDatasets($query: String, $filters: DatasetFilters, $after: String) {\n    searchDatasets(query: $query, filters: $filters, first: 10, after: $after) {\n      total\n      nodes {\n        id\n        title\n        theme\n        licence\n        modified\n        publisher {\n          id\n          name\n        }\n        distributions {\n          id\n          format\n          accessUrl\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n      facets {\n        themes {\n          value\n          count\n        }\n        publishers {\n          count\n          publisher {\n            id\n            name\n          }\n        }\n        formats {\n          value\n          count\n        }\n        licences {\n          value\n          count\n        }\n      }\n    }\n  }\n": types.SearchDatasetsDocument,
    "\n  query MyAccount($after: String) {\n    me {\n      id\n      assuranceLevel\n      payments(first: 5, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            amount\n            direction\n            status\n            finished\n            reference\n            description\n            createdAt\n            organisation {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      courseProgress {\n        status\n        bestScore\n        lastActiveAt\n        course {\n          id\n          title\n          theme\n        }\n      }\n    }\n  }\n": types.MyAccountDocument,
    "\n  query MyConsents {\n    me {\n      id\n      consents {\n        id\n        active\n        purpose\n        attributes\n        givenAt\n        withdrawnAt\n        organisation {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.MyConsentsDocument,
    "\n  subscription MyConsentsLive {\n    consentsUpdated {\n      id\n      active\n      withdrawnAt\n    }\n  }\n": types.MyConsentsLiveDocument,
    "\n  mutation WithdrawConsent($id: ID!) {\n    withdrawConsent(id: $id) {\n      id\n      active\n      withdrawnAt\n    }\n  }\n": types.WithdrawConsentDocument,
    "\n  query StaffDashboard($org: ID!) {\n    organisation(id: $org) {\n      id\n      name\n      integrations {\n        id\n        serviceName\n        domain\n        status\n      }\n      learners(first: 10) {\n        edges {\n          cursor\n          node {\n            statements\n            coursesCompleted\n            lastActiveAt\n            account {\n              id\n              assuranceLevel\n            }\n          }\n        }\n      }\n    }\n  }\n": types.StaffDashboardDocument,
    "\n  fragment CouncilPaymentRow on Payment {\n    id\n    amount\n    direction\n    status\n    finished\n    reference\n    createdAt\n  }\n": types.CouncilPaymentRowFragmentDoc,
    "\n  query CouncilPayments($org: ID!, $after: String) {\n    organisation(id: $org) {\n      id\n      payments(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...CouncilPaymentRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.CouncilPaymentsDocument,
    "\n  subscription CouncilPaymentsLive($org: ID!) {\n    organisationPaymentsUpdated(organisationId: $org) {\n      ...CouncilPaymentRow\n    }\n  }\n": types.CouncilPaymentsLiveDocument,
    "\n  query CitizenLookup($id: ID!) {\n    account(id: $id) {\n      id\n      assuranceLevel\n      verifiedAttributes {\n        kind\n        value\n      }\n      attributesVisibleToYou {\n        reason\n        kinds\n      }\n    }\n  }\n": types.CitizenLookupDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchDatasets($query: String, $filters: DatasetFilters, $after: String) {\n    searchDatasets(query: $query, filters: $filters, first: 10, after: $after) {\n      total\n      nodes {\n        id\n        title\n        theme\n        licence\n        modified\n        publisher {\n          id\n          name\n        }\n        distributions {\n          id\n          format\n          accessUrl\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n      facets {\n        themes {\n          value\n          count\n        }\n        publishers {\n          count\n          publisher {\n            id\n            name\n          }\n        }\n        formats {\n          value\n          count\n        }\n        licences {\n          value\n          count\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchDatasets($query: String, $filters: DatasetFilters, $after: String) {\n    searchDatasets(query: $query, filters: $filters, first: 10, after: $after) {\n      total\n      nodes {\n        id\n        title\n        theme\n        licence\n        modified\n        publisher {\n          id\n          name\n        }\n        distributions {\n          id\n          format\n          accessUrl\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n      facets {\n        themes {\n          value\n          count\n        }\n        publishers {\n          count\n          publisher {\n            id\n            name\n          }\n        }\n        formats {\n          value\n          count\n        }\n        licences {\n          value\n          count\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAccount($after: String) {\n    me {\n      id\n      assuranceLevel\n      payments(first: 5, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            amount\n            direction\n            status\n            finished\n            reference\n            description\n            createdAt\n            organisation {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      courseProgress {\n        status\n        bestScore\n        lastActiveAt\n        course {\n          id\n          title\n          theme\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyAccount($after: String) {\n    me {\n      id\n      assuranceLevel\n      payments(first: 5, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            amount\n            direction\n            status\n            finished\n            reference\n            description\n            createdAt\n            organisation {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      courseProgress {\n        status\n        bestScore\n        lastActiveAt\n        course {\n          id\n          title\n          theme\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyConsents {\n    me {\n      id\n      consents {\n        id\n        active\n        purpose\n        attributes\n        givenAt\n        withdrawnAt\n        organisation {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyConsents {\n    me {\n      id\n      consents {\n        id\n        active\n        purpose\n        attributes\n        givenAt\n        withdrawnAt\n        organisation {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MyConsentsLive {\n    consentsUpdated {\n      id\n      active\n      withdrawnAt\n    }\n  }\n"): (typeof documents)["\n  subscription MyConsentsLive {\n    consentsUpdated {\n      id\n      active\n      withdrawnAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawConsent($id: ID!) {\n    withdrawConsent(id: $id) {\n      id\n      active\n      withdrawnAt\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawConsent($id: ID!) {\n    withdrawConsent(id: $id) {\n      id\n      active\n      withdrawnAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffDashboard($org: ID!) {\n    organisation(id: $org) {\n      id\n      name\n      integrations {\n        id\n        serviceName\n        domain\n        status\n      }\n      learners(first: 10) {\n        edges {\n          cursor\n          node {\n            statements\n            coursesCompleted\n            lastActiveAt\n            account {\n              id\n              assuranceLevel\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query StaffDashboard($org: ID!) {\n    organisation(id: $org) {\n      id\n      name\n      integrations {\n        id\n        serviceName\n        domain\n        status\n      }\n      learners(first: 10) {\n        edges {\n          cursor\n          node {\n            statements\n            coursesCompleted\n            lastActiveAt\n            account {\n              id\n              assuranceLevel\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CouncilPaymentRow on Payment {\n    id\n    amount\n    direction\n    status\n    finished\n    reference\n    createdAt\n  }\n"): (typeof documents)["\n  fragment CouncilPaymentRow on Payment {\n    id\n    amount\n    direction\n    status\n    finished\n    reference\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CouncilPayments($org: ID!, $after: String) {\n    organisation(id: $org) {\n      id\n      payments(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...CouncilPaymentRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CouncilPayments($org: ID!, $after: String) {\n    organisation(id: $org) {\n      id\n      payments(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...CouncilPaymentRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CouncilPaymentsLive($org: ID!) {\n    organisationPaymentsUpdated(organisationId: $org) {\n      ...CouncilPaymentRow\n    }\n  }\n"): (typeof documents)["\n  subscription CouncilPaymentsLive($org: ID!) {\n    organisationPaymentsUpdated(organisationId: $org) {\n      ...CouncilPaymentRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CitizenLookup($id: ID!) {\n    account(id: $id) {\n      id\n      assuranceLevel\n      verifiedAttributes {\n        kind\n        value\n      }\n      attributesVisibleToYou {\n        reason\n        kinds\n      }\n    }\n  }\n"): (typeof documents)["\n  query CitizenLookup($id: ID!) {\n    account(id: $id) {\n      id\n      assuranceLevel\n      verifiedAttributes {\n        kind\n        value\n      }\n      attributesVisibleToYou {\n        reason\n        kinds\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;