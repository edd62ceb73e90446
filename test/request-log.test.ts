/** Every line a request causes carries its id, the masked internal error's too: real server on port 0, real logger. */
import { maskErrors } from '../platform/errors';
import { type PipelineServer, startPipelineServer } from './support/pipeline-server';

let running: PipelineServer;

beforeAll(async () => {
  running = await startPipelineServer({
    typeDefs: 'type Query { broken: Int }',
    resolvers: {
      Query: {
        broken: () => {
          throw new Error('relation "payments.secret_table" does not exist');
        },
      },
    },
    formatError: (log) => maskErrors(log),
  });
});

afterAll(() => running.stop());

describe('the request log', () => {
  it("logs a masked internal error under the request's id, and tells the client nothing of it", async () => {
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'probe-internal-1' },
      body: JSON.stringify({ query: '{ broken }' }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(body)).not.toContain('secret_table');
    const masked = running.lines.find((line) => line.msg === 'internal error masked');
    expect(masked).toMatchObject({ requestId: 'probe-internal-1', level: 50 });
    expect(JSON.stringify(masked)).toContain('secret_table');
  });
});
