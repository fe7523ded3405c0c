#!/usr/bin/env node
// The bed's OIDC issuer: the job-token protocol of GitHub's runner (ACTIONS_ID_TOKEN_REQUEST_URL
// with `audience=`, the request token as a Bearer, the answer `{"value": JWT}`) and the discovery
// document and JWKS Fulcio reads, on loopback. Tokens carry GitHub's workflow claims, signed with
// a key made for this bed (`jose`). The claims come from the request URL's query, so a test can
// be another repository or workflow: repository, workflow (the file), ref, sha, event_name,
// job_workflow_ref, visibility; `omit=CLAIM` leaves one out (Fulcio refuses such a token);
// `status=N` answers N instead (a failing token endpoint).
//   node scripts/bed/oidc-issuer.mjs PORT DIR   (DIR keeps key.jwk and request-token)
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';

const [port, dir] = process.argv.slice(2);
if (!port || !dir) {
  console.error('usage: oidc-issuer.mjs PORT DIR');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
mkdirSync(dir, { recursive: true });

const keyFile = join(dir, 'key.jwk');
if (!existsSync(keyFile)) {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'ES256' }), { mode: 0o600 });
}
const tokenFile = join(dir, 'request-token');
if (!existsSync(tokenFile)) writeFileSync(tokenFile, randomBytes(24).toString('hex'), { mode: 0o600 });

const jwk = JSON.parse(readFileSync(keyFile, 'utf8'));
const requestToken = readFileSync(tokenFile, 'utf8').trim();
const privateKey = await importJWK(jwk, 'ES256');
const publicJwk = Object.fromEntries(Object.entries(jwk).filter(([k]) => k !== 'd'));

function claimsFor(q) {
  const repository = q.get('repository') || 'bed-owner/app';
  const [owner] = repository.split('/');
  const ref = q.get('ref') || 'refs/heads/main';
  const sha = q.get('sha') || 'a'.repeat(40);
  const workflowRef = `${repository}/.github/workflows/${q.get('workflow') || 'release.yml'}@${ref}`;
  const claims = {
    sub: `repo:${repository}:ref:${ref}`, repository, repository_id: '4242', repository_owner: owner,
    repository_owner_id: '4141', repository_visibility: q.get('visibility') || 'public', actor: owner,
    actor_id: '4141', ref, ref_type: 'branch', sha, workflow: 'release', workflow_ref: workflowRef,
    workflow_sha: sha, job_workflow_ref: q.get('job_workflow_ref') || workflowRef, job_workflow_sha: sha,
    event_name: q.get('event_name') || 'push', run_id: '1001', run_number: '7', run_attempt: '1',
    runner_environment: 'github-hosted', head_ref: '', base_ref: '',
  };
  const omitted = new Set(q.getAll('omit'));
  return Object.fromEntries(Object.entries(claims).filter(([k]) => !omitted.has(k)));
}

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', issuer);
  if (url.pathname === '/.well-known/openid-configuration') {
    return json(res, 200, {
      issuer, jwks_uri: `${issuer}/.well-known/jwks`, subject_types_supported: ['public'],
      response_types_supported: ['id_token'], id_token_signing_alg_values_supported: ['ES256'],
      claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'repository', 'ref', 'sha',
        'workflow_ref', 'job_workflow_ref', 'event_name', 'runner_environment'],
      scopes_supported: ['openid'],
    });
  }
  if (url.pathname === '/.well-known/jwks') return json(res, 200, { keys: [publicJwk] });
  if (url.pathname === '/token') {
    const status = Number(url.searchParams.get('status') || 0);
    if (status) return json(res, status, { message: `the bed's issuer answers ${status} as asked` });
    if (req.headers.authorization !== `Bearer ${requestToken}`) {
      return json(res, 401, { message: 'Bad credentials: the request token is not this bed\'s' });
    }
    const now = Math.floor(Date.now() / 1000);
    const value = await new SignJWT(claimsFor(url.searchParams))
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' })
      .setIssuer(issuer).setAudience(url.searchParams.get('audience') || issuer)
      .setIssuedAt(now).setNotBefore(now - 5).setExpirationTime(now + 600).setJti(randomUUID())
      .sign(privateKey);
    return json(res, 200, { count: value.length, value });
  }
  json(res, 404, { message: 'not found' });
}).listen(Number(port), '127.0.0.1');
