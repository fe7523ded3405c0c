import { describe, expect, test } from 'vitest';
import { parseChallenge } from '../../../src/registry/client.js';
import { helperFor, inlineCredentials, type DockerConfig } from '../../../src/registry/credentials.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('registry credentials from the docker config', () => {
  const config: DockerConfig = {
    auths: {
      'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') },
      'ghcr.io': { auth: b64('octo:ghp_x:y') },
      'registry.test:5443': { identitytoken: 'refresh' },
    },
    credHelpers: { '123.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login' },
    credsStore: 'desktop',
  };

  test.each([
    ['docker.io', { username: 'hubuser', password: 'hubpass' }],
    ['ghcr.io', { username: 'octo', password: 'ghp_x:y' }],
    ['registry.test:5443', { identityToken: 'refresh' }],
    ['quay.io', undefined],
  ])('%s', (registry, want) => {
    expect(inlineCredentials(config, registry)).toEqual(want);
  });

  test('helpers: per-registry first, then the store', () => {
    expect(helperFor(config, '123.dkr.ecr.us-east-1.amazonaws.com')).toBe('ecr-login');
    expect(helperFor(config, 'ghcr.io')).toBe('desktop');
    expect(helperFor({}, 'ghcr.io')).toBeUndefined();
  });

  test('token challenges', () => {
    expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"'))
      .toEqual({ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io',
        scope: 'repository:library/alpine:pull' } });
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: 'basic', params: { realm: 'Registry Realm' } });
  });
});
