// Which Sigstore service a failed `cosign sign` names, and why, on cosign 3.1's real lines
// (fixtures/sigstore/cosign-sign-failures.json, captured against the bed's servers).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { serviceFailure } from '../../../src/sigstore/service-failure.js';
import { readSigningConfig } from '../../../src/sigstore/instance.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/sigstore');
const lines = JSON.parse(readFileSync(join(FIXTURES, 'cosign-sign-failures.json'), 'utf8')) as Record<string, string>;
const line = (name: string): string => (lines[name] ?? '').replace(/^Error:\s*/, '');
const config = readSigningConfig(join(FIXTURES, 'bed-signing-config.json'));

describe('a failed sign, by service', () => {
  test.each([
    ['fulcioRefused', { service: 'Fulcio', url: 'http://127.0.0.1:7111', status: 400,
      reason: 'HTTP 400: There was an error processing the identity token', transient: false }],
    ['fulcioDown', { service: 'Fulcio', url: 'http://127.0.0.1:7198', reason: 'connection refused', transient: true,
      network: true }],
    ['rekorDown', { service: 'Rekor', url: 'http://127.0.0.1:7198', reason: 'connection refused', transient: true,
      network: true }],
    ['rekor503', { service: 'Rekor', url: 'http://127.0.0.1:7114', status: 503,
      reason: 'HTTP 503: the bed answers 503', transient: true }],
    ['tsaDown', { service: 'the timestamp authority', url: 'http://127.0.0.1:7198', reason: 'connection refused',
      transient: true, network: true }],
    ['checkpoint', { service: 'Rekor', url: 'http://127.0.0.1:7114', transient: false,
      reason: 'failed to verify log inclusion: verifying log entry: unverified checkpoint signature: failed to verify ' +
        'signatures on checkpoint: note has no verifiable signatures' }],
  ])('%s', (name, want) => expect(serviceFailure(line(name), config)).toEqual(want));

  test('an error answer cosign lost while retrying names no service: vague, to be probed', () => {
    expect(serviceFailure(line('fulcio503'), config)).toEqual({ service: undefined, url: undefined,
      reason: 'its answer was an error, then cut off', transient: true, network: true, vague: true });
  });

  test('the public instance: the service named, no URL of ours to add', () => {
    expect(serviceFailure(line('rekor503'))).toMatchObject({ service: 'Rekor', url: undefined, status: 503 });
  });
});
