// The job's OIDC token, asked of a loopback endpoint that speaks the runner's protocol: the
// audience added to the URL as @actions/core adds it, 5xx asked again, a refusal not, and the
// error line naming the endpoint without its query.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { requestIdToken } from '../../../src/sigstore/id-token.js';

// A JWT as the runner issues it (header {"alg":"RS256","typ":"JWT"}), unsigned here: only its
// claims are read.
const claims = { iss: 'https://token.actions.githubusercontent.com', aud: 'sigstore',
  job_workflow_ref: 'o/r/.github/workflows/release.yml@refs/heads/main' };
const JWT = ['{"alg":"RS256","typ":"JWT"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url'))
  .join('.') + '.c2ln';

let server: Server | undefined;
afterEach(() => server?.close());

async function endpoint(answers: { status: number; body: string }[], seen: string[]): Promise<string> {
  server = createServer((req, res) => {
    seen.push(`${req.url ?? ''} ${req.headers.authorization ?? ''}`);
    const a = answers.shift() ?? { status: 500, body: '' };
    res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/idtoken?api-version=2.0`;
}

describe('the job\'s OIDC token', () => {
  test('asked with the audience and the request token; a 5xx asked again; the claims read', async () => {
    const seen: string[] = [];
    const url = await endpoint([{ status: 503, body: '' }, { status: 200, body: JSON.stringify({ value: JWT }) }], seen);
    const token = await requestIdToken({ ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'rt' }, 1);
    expect(seen).toEqual(Array(2).fill('/idtoken?api-version=2.0&audience=sigstore Bearer rt'));
    expect(token).toEqual({ value: JWT, issuer: claims.iss, jobWorkflowRef: claims.job_workflow_ref });
  });

  test('a refusal is not asked again; the line names the endpoint, not its query', async () => {
    const seen: string[] = [];
    const url = await endpoint([{ status: 401, body: '{"message":"Bad credentials"}' }], seen);
    await expect(requestIdToken({ ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'rt' }, 1))
      .rejects.toThrow(new RegExp(`could not be had from ${url.replace(/\?.*/, '').replace(/[.?]/g, '\\$&')} ` +
        '\\(HTTP 401: \\{"message":"Bad credentials"\\}, after 3 tries at most\\)'));
    expect(seen).toHaveLength(1);
  });

  test('an answer without a token, or no permission at all', async () => {
    const url = await endpoint([{ status: 200, body: '{}' }], []);
    await expect(requestIdToken({ ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'rt' }, 1))
      .rejects.toThrow('answered without a token');
    await expect(requestIdToken({}, 1)).rejects.toThrow('`permissions: id-token: write`');
  });
});
