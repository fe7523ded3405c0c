// A private Sigstore's documents: the bed's own trusted root and signing config (fixtures copied
// from scripts/bed/sigstore.sh's output), and what is refused, in the words the input error shows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  configFromUrls, readSigningConfig, readTrustedRoot, signingConfigFor, SIGNING_CONFIG_TYPE,
} from '../../../src/sigstore/instance.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/sigstore');
const file = (content: string): string => {
  const f = join(mkdtempSync(join(tmpdir(), 'mab-sigstore-')), 'x.json');
  writeFileSync(f, content);
  return f;
};

describe('a private Sigstore', () => {
  test('the bed\'s trusted root: a certificate authority, no CT log (verify skips the SCT)', () => {
    expect(readTrustedRoot(join(FIXTURES, 'bed-trusted-root.json'))).toEqual({ noCtLog: true });
  });

  test('the bed\'s signing config: Fulcio, Rekor v2, the timestamp authority', () => {
    const c = readSigningConfig(join(FIXTURES, 'bed-signing-config.json'));
    expect([c.caUrls[0]?.url, c.rekorTlogUrls[0]?.majorApiVersion, c.tsaUrls.length]).toEqual(['http://127.0.0.1:7111', 2, 1]);
  });

  test.each([
    ['not JSON', '{', 'is not a JSON object'],
    ['a list', '[]', 'is not a JSON object'],
    ['another document', '{"mediaType":"application/json"}', 'is not a Sigstore trusted root'],
    ['no authority', '{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","certificateAuthorities":[]}',
      'lists no certificate authority'],
  ])('a trusted root that is %s', (_n, content, problem) => {
    expect(() => readTrustedRoot(file(content))).toThrow(problem);
  });

  test('a signing config of another version, or without a CA, is refused', () => {
    expect(() => readSigningConfig(file('{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.1+json"}')))
      .toThrow('is not a Sigstore signing config');
    expect(() => readSigningConfig(file(`{"mediaType":"${SIGNING_CONFIG_TYPE}","caUrls":[]}`)))
      .toThrow('lists no certificate authority (caUrls)');
    expect(() => readTrustedRoot('/nonexistent/trusted_root.json')).toThrow('cannot be read');
  });

  test('Fulcio and Rekor by URL: a signing config of v1 services', () => {
    const c = configFromUrls('https://fulcio.example', 'https://rekor.example');
    expect([c.caUrls[0]?.url, c.rekorTlogUrls[0]?.url, c.rekorTlogUrls[0]?.majorApiVersion]).toEqual(
      ['https://fulcio.example', 'https://rekor.example', 1]);
  });

  test('without the log: the config cosign gets lists no transparency log, keeps the timestamp authority', () => {
    const c = readSigningConfig(join(FIXTURES, 'bed-signing-config.json'));
    expect(signingConfigFor(c, false))
      .toMatchObject({ rekorTlogUrls: [], tsaUrls: c.tsaUrls, caUrls: c.caUrls });
    expect(signingConfigFor(c, true)).toBe(c);
  });
});
