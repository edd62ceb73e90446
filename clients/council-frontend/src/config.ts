export interface FrontEndConfig {
  /** The gateway's GraphQL endpoint, e.g. https://graph.example.gov.scot/graphql. */
  graphUrl: string;
}

/**
 * Read at start from config.json beside index.html, so one build serves every
 * environment: a deployment replaces that file, not the bundle.
 */
export async function loadFrontEndConfig(): Promise<FrontEndConfig> {
  const response = await fetch(new URL('config.json', document.baseURI), { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json could not be read (HTTP ${response.status}).`);
  const config = (await response.json()) as Partial<FrontEndConfig>;
  if (typeof config.graphUrl !== 'string') throw new Error('config.json has no "graphUrl".');
  return { graphUrl: config.graphUrl };
}
