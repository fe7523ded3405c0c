#!/usr/bin/env node
// Writes what a Sigstore client needs to use the bed's instance, read from the running servers:
// trusted_root.json (Fulcio's chain, Rekor v2's key, the timestamp authority's chain), a signing
// config (v0.2) naming the three services, and `env` (the URLs and files, for the tests).
//   node scripts/bed/sigstore-config.mjs RUN ISSUER_PORT FULCIO_PORT REKOR_PORT TSA_PORT
import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [run, issuerPort, fulcioPort, rekorPort, tsaPort] = process.argv.slice(2);
const at = (port) => `http://127.0.0.1:${port}`;
const start = '2020-01-01T00:00:00Z';

const pems = (text) => text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
const der = (pem) => Buffer.from(new X509Certificate(pem).raw).toString('base64');
const subject = (pem) => {
  const s = new X509Certificate(pem).subject;
  return { organization: /O=(.*)/.exec(s)?.[1] ?? 'multiarch-bed', commonName: /CN=(.*)/.exec(s)?.[1] ?? '' };
};
const get = async (url) => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
};

const fulcioChain = pems(JSON.parse(await get(`${at(fulcioPort)}/api/v2/trustBundle`)).chains[0].certificates.join('\n'));
const tsaChain = pems(await get(`${at(tsaPort)}/api/v1/timestamp/certchain`));
const rekorKey = createPublicKey(readFileSync(join(run, 'rekor.pem'))).export({ type: 'spki', format: 'der' });

const trustedRoot = {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [{
    baseUrl: at(rekorPort), hashAlgorithm: 'SHA2_256',
    publicKey: { rawBytes: rekorKey.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } },
    logId: { keyId: createHash('sha256').update(rekorKey).digest('base64') },
  }],
  certificateAuthorities: [{
    subject: subject(fulcioChain.at(-1)), uri: at(fulcioPort),
    certChain: { certificates: fulcioChain.map((c) => ({ rawBytes: der(c) })) }, validFor: { start },
  }],
  ctlogs: [],
  timestampAuthorities: [{
    subject: subject(tsaChain.at(-1)), uri: `${at(tsaPort)}/api/v1/timestamp`,
    certChain: { certificates: tsaChain.map((c) => ({ rawBytes: der(c) })) }, validFor: { start },
  }],
};
const service = (url, majorApiVersion) => ({ url, majorApiVersion, validFor: { start }, operator: 'multiarch-bed' });
const signingConfig = {
  mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
  caUrls: [service(at(fulcioPort), 1)],
  oidcUrls: [],
  rekorTlogUrls: [service(at(rekorPort), 2)],
  tsaUrls: [service(`${at(tsaPort)}/api/v1/timestamp`, 1)],
  rekorTlogConfig: { selector: 'ANY' },
  tsaConfig: { selector: 'ANY' },
};
writeFileSync(join(run, 'trusted_root.json'), `${JSON.stringify(trustedRoot, null, 2)}\n`);
writeFileSync(join(run, 'signing_config.json'), `${JSON.stringify(signingConfig, null, 2)}\n`);
writeFileSync(join(run, 'env'), [
  `SIGSTORE_ISSUER=${at(issuerPort)}`,
  `SIGSTORE_TOKEN_URL=${at(issuerPort)}/token`,
  `SIGSTORE_REQUEST_TOKEN_FILE=${join(run, 'issuer', 'request-token')}`,
  `SIGSTORE_FULCIO=${at(fulcioPort)}`,
  `SIGSTORE_REKOR=${at(rekorPort)}`,
  `SIGSTORE_TSA=${at(tsaPort)}/api/v1/timestamp`,
  `SIGSTORE_TRUSTED_ROOT=${join(run, 'trusted_root.json')}`,
  `SIGSTORE_SIGNING_CONFIG=${join(run, 'signing_config.json')}`,
  `SIGSTORE_REKOR_LOG=${join(run, 'rekor-log')}`,
  `SIGSTORE_COSIGN=${join(run, '..', 'bin', 'cosign')}`,
  '',
].join('\n'));
