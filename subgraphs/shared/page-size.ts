/**
 * Page sizes of every list, in a module of their own so the gateway's
 * configuration (its cost limits count list sizes) can read them without
 * loading type-graphql and the subgraphs' schema code.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;
