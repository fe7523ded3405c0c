// Who signs, with which flags: keyless from the runner's OIDC variables (run end to end against
// the bed's Sigstore in e2e/keyless.test.ts), a key or a KMS URI, the transparency log by the
// repository's visibility, cosign 2.x and 3.x flags, a private Sigstore's files.
import { describe, expect, test } from 'vitest';
import { signArgv, verifyArgv, verifyCommand, type CosignOptions, type Signer } from '../../../src/cosign/argv.js';
import { signatureRef } from '../../../src/cosign/signed.js';
import { GITHUB_OIDC_ISSUER, signingPlan, workflowIdentity } from '../../../src/signing/plan.js';
import type { SigningInputs } from '../../../src/shared/inputs-types.js';

const PEM = '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nabc\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----';
const inputs = (s: Partial<SigningInputs>): SigningInputs => ({ mode: 'auto', tlog: 'auto', verifySources: false, ...s });
const OIDC: NodeJS.ProcessEnv = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
  GITHUB_WORKFLOW_REF: 'octo/app/.github/workflows/release.yml@refs/tags/v1.2.0', GITHUB_SERVER_URL: 'https://github.com',
};
const pub = { privateRepo: false };
const priv = { privateRepo: true };

describe('the signing plan', () => {
  test('keyless: the identity of this workflow file at this ref, GitHub\'s issuer, tlog by visibility', () => {
    expect(workflowIdentity(OIDC)).toBe('https://github.com/octo/app/.github/workflows/release.yml@refs/tags/v1.2.0');
    expect(signingPlan(inputs({}), pub, OIDC, true)).toEqual({ tlog: true, signer: { kind: 'keyless',
      identity: 'https://github.com/octo/app/.github/workflows/release.yml@refs/tags/v1.2.0', issuer: GITHUB_OIDC_ISSUER } });
    expect(signingPlan(inputs({}), priv, OIDC, true)?.tlog).toBe(false);
    expect(signingPlan(inputs({ tlog: 'true' }), priv, OIDC, true)?.tlog).toBe(true);
    expect(workflowIdentity({ ...OIDC, GITHUB_SERVER_URL: 'https://ghe.example' })).toMatch(/^https:\/\/ghe\.example\//);
  });

  test('a key wins over keyless; a PEM key is written to a file, a KMS URI is used as it is', () => {
    expect(signingPlan(inputs({ key: PEM }), pub, OIDC, true)).toEqual({ tlog: true, pemKey: PEM,
      signer: { kind: 'key', key: 'cosign.key', publicKey: 'cosign.pub' } });
    expect(signingPlan(inputs({ key: 'awskms:///arn:aws:kms:eu-1:1:key/k' }), priv, {}, true)).toEqual({ tlog: false,
      signer: { kind: 'key', key: 'awskms:///arn:aws:kms:eu-1:1:key/k', publicKey: 'awskms:///arn:aws:kms:eu-1:1:key/k' } });
  });

  test('auto signs only what it can and only a push; true fails before anything runs; false never', () => {
    expect(signingPlan(inputs({}), pub, {}, true)).toBeUndefined(); // no OIDC token, no key
    expect(signingPlan(inputs({}), pub, OIDC, false)).toBeUndefined(); // nothing pushed
    expect(signingPlan(inputs({ mode: 'false', key: PEM }), pub, OIDC, true)).toBeUndefined();
    expect(() => signingPlan(inputs({ mode: 'true' }), pub, {}, true)).toThrow(
      /^Input "sign": "true" needs a key or an identity: give `sign-key`, or let the job mint an OIDC token/);
    expect(() => signingPlan(inputs({ verifySources: true }), pub, {}, true)).toThrow(/^Input "verify-sources"/);
  });
});

const key: CosignOptions = { signer: { kind: 'key', key: '/w/cosign.key', publicKey: '/w/cosign.pub' }, tlog: false,
  signingConfig: false, plainHttp: true };
const keyless: CosignOptions = { signer: { kind: 'keyless', identity: 'https://github.com/o/r/.github/workflows/b.yml@refs/heads/main',
  issuer: GITHUB_OIDC_ISSUER }, tlog: true, signingConfig: false, plainHttp: false };
const REF = 'ghcr.io/o/r@sha256:' + 'a'.repeat(64);

describe('cosign argv', () => {
  test.each<[string, CosignOptions, string[]]>([
    ['key, no tlog, plain HTTP, cosign 2.x', key,
      ['sign', '--yes', '--recursive', '--key', '/w/cosign.key', '--tlog-upload=false', '--allow-http-registry', REF]],
    ['key, no tlog, cosign 3.x (a signing config by default)', { ...key, signingConfig: true },
      ['sign', '--yes', '--recursive', '--key', '/w/cosign.key', '--use-signing-config=false', '--tlog-upload=false',
        '--allow-http-registry', REF]],
    ['keyless, public: Fulcio and Rekor as cosign defaults them', keyless, ['sign', '--yes', '--recursive', REF]],
    ['keyless, private: no tlog', { ...keyless, tlog: false }, ['sign', '--yes', '--recursive', '--tlog-upload=false', REF]],
    ['keyless, a private Sigstore: its signing config and root, the job\'s token in a file',
      { ...keyless, signingConfig: true, signer: { ...keyless.signer, tokenFile: '/w/token' } as Signer,
        sigstore: { signingConfig: '/w/sc.json', trustedRoot: 'trusted_root.json', noCtLog: true } },
      ['sign', '--yes', '--recursive', '--signing-config', '/w/sc.json', '--trusted-root', 'trusted_root.json',
        '--identity-token', '/w/token', REF]],
    ['keyless, a private Sigstore without the log: its config already lists none', { ...keyless, tlog: false,
      signingConfig: true, sigstore: { signingConfig: '/w/sc.json', trustedRoot: 'tr.json', noCtLog: true } },
    ['sign', '--yes', '--recursive', '--signing-config', '/w/sc.json', '--trusted-root', 'tr.json', REF]],
  ])('sign: %s', (_name, o, want) => expect(signArgv(REF, o)).toEqual(want));

  test('one manifest at a time: not recursive', () => {
    expect(signArgv(REF, keyless, false)).toEqual(['sign', '--yes', REF]);
  });

  test.each<[string, CosignOptions, string[]]>([
    ['key', key, ['verify', '--key', '/w/cosign.pub', '--insecure-ignore-tlog', '--allow-http-registry', REF]],
    ['keyless: the identity and the issuer that must hold', keyless, ['verify', '--certificate-identity',
      'https://github.com/o/r/.github/workflows/b.yml@refs/heads/main', '--certificate-oidc-issuer', GITHUB_OIDC_ISSUER, REF]],
    ['keyless, a private Sigstore without a CT log: its root, no SCT to check', { ...keyless,
      sigstore: { trustedRoot: 'trusted_root.json', noCtLog: true } }, ['verify', '--certificate-identity',
      'https://github.com/o/r/.github/workflows/b.yml@refs/heads/main', '--certificate-oidc-issuer', GITHUB_OIDC_ISSUER,
      '--trusted-root', 'trusted_root.json', '--insecure-ignore-sct', REF]],
  ])('verify: %s', (_name, o, want) => expect(verifyArgv(REF, o)).toEqual(want));

  test('the command a person runs names the public key as they have it, never the runner\'s path', () => {
    expect(verifyCommand(REF, key, 'cosign.pub')).toBe(
      `cosign verify --key cosign.pub --insecure-ignore-tlog --allow-http-registry ${REF}`);
  });

  test('where a signature is stored', () => {
    expect(signatureRef('r/a', 'sha256:ab', false)).toBe('r/a:sha256-ab.sig');
    expect(signatureRef('r/a', 'sha256:ab', true)).toBe('r/a@sha256:ab (OCI referrer)');
  });
});

test('a reusable workflow\'s identity, given, is what keyless signing is verified against', () => {
  const identity = 'https://github.com/org/multiarch-build/.github/workflows/build.yml@refs/tags/v1';
  expect(signingPlan({ mode: 'auto', tlog: 'auto', verifySources: false, identity }, { privateRepo: false }, OIDC, true))
    .toMatchObject({ signer: { kind: 'keyless', identity } });
});
