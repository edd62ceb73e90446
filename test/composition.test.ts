import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SUBGRAPH_NAMES } from '../platform/subgraph-names';
import { composeGraph } from '../runtime/composition';

const schemaDir = path.join(__dirname, '..', 'schema');

describe('schema/', () => {
  it('holds exactly what the code composes (run `npm run compose` after changing a subgraph)', async () => {
    const { subgraphSdl, supergraphSdl, apiSdl } = await composeGraph();
    for (const name of SUBGRAPH_NAMES) {
      expect({ file: `${name}.graphql`, sdl: readFileSync(path.join(schemaDir, `${name}.graphql`), 'utf8') }).toEqual({
        file: `${name}.graphql`,
        sdl: subgraphSdl[name],
      });
    }
    expect(readFileSync(path.join(schemaDir, 'supergraph.graphql'), 'utf8')).toBe(supergraphSdl);
    expect(readFileSync(path.join(schemaDir, 'api.graphql'), 'utf8')).toBe(apiSdl);
  });

  it("gives clients an API schema without federation's machinery", async () => {
    const { apiSdl } = await composeGraph();
    expect(apiSdl).toContain('type Query {');
    expect(apiSdl).not.toMatch(/@join__|@link|_Entity|_Service|@inaccessible/);
  });

  it('composes entities that several subgraphs extend', async () => {
    const { supergraphSdl } = await composeGraph();
    const organisation = supergraphSdl.slice(
      supergraphSdl.indexOf('type Organisation'),
      supergraphSdl.indexOf('}', supergraphSdl.indexOf('type Organisation')),
    );
    for (const graph of ['ORGANISATIONS', 'IDENTITY', 'PAYMENTS', 'LEARNING', 'DATASETS']) {
      expect(organisation).toContain(`@join__type(graph: ${graph}, key: "id"`);
    }
    for (const field of ['payments(', 'learners(', 'datasets(', 'integrations:', 'gssCode:']) expect(organisation).toContain(field);
  });
});
