// Forms buildx (or BuildKit, or docker/setup-qemu-action) accepts, and values that must keep their
// meaning on the way to buildx: each case here was refused, or changed, before the one platform
// reader, the go-units sizes, the host grammar, the `--` and the CSV writer.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildCommand } from '../../../src/image-build/build-argv.js';
import { parseInputs } from '../../../src/inputs/inputs.js';
import { parseYaml } from '../../../src/inputs/lazy-yaml.js';
import { csvFields } from '../../../src/shared/csv-attributes.js';
import { hostPlatforms } from '../../../src/shared/platform.js';

const ctx = mkdtempSync(join(tmpdir(), 'mab-forms-'));
writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\n');
const parse = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  parseInputs((name) => values[name] ?? (name === 'context' ? ctx : ''), env, parseYaml);
const own = hostPlatforms()[0] ?? 'linux/amd64';
const refusal = (values: Record<string, string>): string => {
  try {
    parse(values);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('platforms as containerd reads them (buildx normalizes them so before BuildKit sees them)', () => {
  test.each([
    ['local', [own]],
    ['linux/x86_64,linux/aarch64', ['linux/amd64', 'linux/arm64']],
    ['Linux/AMD64', ['linux/amd64']],
    ['arm64', ['linux/arm64']],
    ['linux/arm', ['linux/arm/v7']],
  ])('platforms: %j', (value, want) => expect(parse({ platforms: value }).platforms).toEqual(want));

  test('an alias and its name are one platform, listed twice', () => {
    expect(refusal({ platforms: 'linux/x86_64,linux/amd64' })).toBe(
      'Input "platforms": "linux/x86_64,linux/amd64" lists linux/amd64 twice');
  });

  test('a node\'s platforms and qemu-platforms with the same reader', () => {
    const nodes = '- {name: a, endpoint: "tcp://127.0.0.1:1", platforms: "linux/aarch64"}';
    expect(parse({ driver: 'remote', nodes }).setup.nodes?.[0]?.platforms).toEqual(['linux/arm64']);
    expect(parse({ 'qemu-platforms': 'arm64,riscv64' }).qemu.platforms).toEqual(['linux/arm64', 'linux/riscv64']);
  });

  test('qemu-platforms: all, as docker/setup-qemu-action takes it: every platform QEMU serves but the runner\'s', () => {
    const all = parse({ 'qemu-platforms': 'all' }).qemu.platforms ?? [];
    expect(all).toEqual(expect.arrayContaining(['linux/arm64', 'linux/arm/v7', 'linux/riscv64', 'linux/s390x',
      'linux/ppc64le']));
    expect(all).not.toContain(own);
  });
});

describe('sizes as buildx and BuildKit read them', () => {
  test.each(['2GiB', '1t', '512', '1.5g', '2 g'])('shm-size: %j (go-units)', (v) => {
    expect(parse({ 'shm-size': v }).shmSize).toBe(v);
  });
  test.each(['10%', '10GiB', '10gb'])('cache-keep-storage: %j (BuildKit\'s DiskSpace)', (v) => {
    expect(parse({ 'cache-keep-storage': v }).setup.registry.keepStorage).toBe(v);
  });
  test('a tag pinned by digest stays refused: docker refuses to create a tag with a digest', () => {
    expect(refusal({ tags: `r/app:1@sha256:${'a'.repeat(64)}` })).toContain('has a digest; a tag cannot');
  });
});

describe('values that must keep their meaning on the way to buildx', () => {
  test('a context directory named like a flag stays the context', () => {
    const dir = join(ctx, '-fuzz');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    const { argv } = buildCommand(parse({ context: dir }), '/m.json', {}, { hostNetwork: false });
    expect(argv.slice(-2)).toEqual(['--', dir]);
  });

  test('a quoted field with a comma is written back quoted (provenance, sbom, attests)', () => {
    const id = 'https://ci.example.com/run?a=1,b=2';
    const i = parse({ provenance: `mode=max,"builder-id=${id}"`, sbom: '"generator=img:1,x"',
      attests: `type=provenance,"builder-id=${id}"` });
    const attests = buildCommand(i, '/m.json', {}, { hostNetwork: false }).argv
      .flatMap((a, n, all) => (all[n - 1] === '--attest' ? [a] : []));
    expect(attests.map(csvFields)).toEqual([
      ['type=provenance', 'mode=max', `builder-id=${id}`],
      ['type=sbom', 'generator=img:1,x'],
    ]);
  });

  test.each(['provenance', 'attests', 'outputs', 'cache-to', 'tags', 'build-args'])(
    'an unclosed quote in %s is refused, naming it', (name) => {
      const value = name === 'tags' ? '"r/a:1' : name === 'build-args' ? '"A=1' : '"type=registry,mode=max';
      expect(refusal({ [name]: value })).toMatch(new RegExp(`^Input "${name}": .* has a double quote that is never closed$`));
    });

  test('an unclosed quote in secrets is refused without the value', () => {
    expect(refusal({ secrets: '"A=s3cret' })).toBe(
      'Input "secrets": "(the value is not shown)" has a double quote that is never closed');
  });
});

describe('one host grammar for registry-ca, insecure-registries and registry-mirrors', () => {
  test.each(['[::1]:5000', 'localhost:5000', 'registry.test:5443', '127.0.0.1', 'docker.io'])('%s is a host', (h) => {
    expect(parse({ 'insecure-registries': h, 'registry-mirrors': `${h}=http://${h}/x` }).setup.registry.insecure)
      .toEqual([h]);
  });
  test.each(['-x', '.x', 'x.', 'x:', 'http://x', 'x/y', 'a_b.com'])('%s is not', (h) => {
    expect(refusal({ 'insecure-registries': h })).toContain('is not a registry host[:port]');
    expect(refusal({ 'registry-mirrors': `${h}=http://m` })).toContain('has an invalid registry host');
  });
});

describe('nodes: YAML the parser cannot take is one line naming the input', () => {
  test('nesting deep enough to crash the parser', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(refusal({ nodes: deep })).toMatch(/^Input "nodes": ".*" nests deeper than 32 levels/);
  });
  test('an unknown tag is an error, not a warning on stderr and a value taken', () => {
    expect(refusal({ nodes: '- name: a\n  endpoint: !foo x' })).toMatch(/^Input "nodes": .*Unresolved tag: !foo/);
  });
});

describe('signing inputs', () => {
  test('a sign-key that is neither a PEM private key nor a KMS URI is refused without showing it', () => {
    expect(refusal({ 'sign-key': 'hunter2-not-a-key' })).toBe('Input "sign-key": "(the value is not shown)" is ' +
      'neither a PEM private key (-----BEGIN ... PRIVATE KEY-----) nor a KMS URI (awskms://, gcpkms://, azurekms://, ' +
      'hashivault://, k8s://, pkcs11://)');
  });
  test.each(['awskms:///arn:aws:kms:eu-1:1:key/k', 'gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k',
    'hashivault://transit-key', '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nx\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----',
  ])('sign-key %j', (key) => expect(parse({ 'sign-key': key }).signing.key).toBe(key));
  test('cosign-version as buildx-version', () => {
    expect(parse({ 'cosign-version': '2.5.0' }).signing.cosignPin?.version).toBe('v2.5.0');
    expect(refusal({ 'cosign-version': 'latest' })).toContain('is not a release such as v2.5.0');
  });
});

describe('a private Sigstore', () => {
  const FIXTURES = join(import.meta.dirname, '../../fixtures/sigstore');
  const root = join(FIXTURES, 'bed-trusted-root.json');
  const config = join(FIXTURES, 'bed-signing-config.json');
  test('a signing config and its trusted root; or Fulcio and Rekor by URL', () => {
    expect(parse({ 'sigstore-signing-config': config, 'sigstore-trusted-root': root }).signing.sigstore)
      .toMatchObject({ trustedRoot: { file: root }, noCtLog: true,
        signingConfig: { caUrls: [{ url: 'http://127.0.0.1:7111' }] } });
    // The documents themselves, as a workflow passes a variable or a secret.
    const inline = parse({ 'sigstore-signing-config': readFileSync(config, 'utf8'),
      'sigstore-trusted-root': readFileSync(root, 'utf8') }).signing.sigstore;
    expect(inline).toMatchObject({ trustedRoot: { content: readFileSync(root, 'utf8').trim() },
      signingConfig: { rekorTlogUrls: [{ majorApiVersion: 2 }] } });
    expect(parse({ 'fulcio-url': 'https://fulcio.corp.example', 'sigstore-trusted-root': root }).signing.sigstore)
      .toMatchObject({ signingConfig: { caUrls: [{ url: 'https://fulcio.corp.example' }], rekorTlogUrls: [] } });
    expect(parse({}).signing.sigstore).toBeUndefined();
  });
  test.each<[Record<string, string>, string]>([
    [{ 'sigstore-signing-config': config }, `Input "sigstore-signing-config": "${config}" needs sigstore-trusted-root`],
    [{ 'fulcio-url': 'https://f.example' }, 'Input "fulcio-url": "https://f.example" needs sigstore-trusted-root'],
    [{ 'fulcio-url': 'https://f.example', 'sigstore-signing-config': config, 'sigstore-trusted-root': root },
      'Input "fulcio-url": "https://f.example" and sigstore-signing-config both name the services: give one of them'],
    [{ 'rekor-url': 'rekor.example' }, 'Input "rekor-url": "rekor.example" is not an http(s) URL'],
    [{ 'sigstore-trusted-root': config }, `Input "sigstore-trusted-root": "${config}" is not a Sigstore trusted root`],
    [{ 'sigstore-signing-config': root, 'sigstore-trusted-root': root },
      `Input "sigstore-signing-config": "${root}" is not a Sigstore signing config`],
    [{ 'sigstore-trusted-root': '{"mediaType": "x"}' },
      'Input "sigstore-trusted-root": "(the JSON given)" is not a Sigstore trusted root'],
    [{ 'sigstore-trusted-root': '/nowhere/trusted_root.json' },
      'Input "sigstore-trusted-root": "/nowhere/trusted_root.json" cannot be read'],
  ])('refused: %j', (values, want) => expect(refusal(values)).toContain(want));
});

describe('bake inputs', () => {
  const project = mkdtempSync(join(tmpdir(), 'mab-bake-'));
  writeFileSync(join(project, 'docker-bake.hcl'), 'target "app" {}\n');
  test('the step bakes when files, targets or source is given; push needs no tags then', () => {
    expect(parse({}).bake).toBeUndefined();
    expect(parse({ workdir: project, files: 'docker-bake.hcl', push: 'true' }).bake).toEqual({ files: ['docker-bake.hcl'],
      targets: [], set: [], workdir: project });
    expect(parse({ targets: 'app, worker', set: 'app.tags=r/a:1\n*.platform=linux/arm64' }).bake)
      .toMatchObject({ targets: ['app', 'worker'], set: ['app.tags=r/a:1', '*.platform=linux/arm64'], workdir: '.' });
    expect(parse({ source: 'https://github.com/o/r.git#main' }).bake?.source).toBe('https://github.com/o/r.git#main');
  });
  test('a fan-out of a bake: its legs push by digest and its merge needs no tags or image of the step', () => {
    expect(parse({ targets: 'app', mode: 'plan' }).release.mode).toBe('plan');
    expect(parse({ targets: 'app', 'push-by-digest': 'true' }).release.pushByDigest).toBe(true);
    expect(parse({ targets: 'app', mode: 'merge' }).release.mode).toBe('merge');
    expect(refusal({ 'push-by-digest': 'true' })).toContain('Input "image": "" is empty, and so is tags');
  });
  test.each<[Record<string, string>, string]>([
    [{ workdir: project, files: 'nope.hcl' }, 'Input "files": "nope.hcl" does not exist'],
    [{ targets: 'app;rm' }, 'Input "targets": "app;rm" is not a bake target or group name'],
    [{ targets: 'app', set: 'tags=x' }, 'Input "set": "tags=x" has an invalid TARGET.KEY "tags"'],
    [{ targets: 'app', workdir: '/nowhere' }, 'Input "workdir": "/nowhere" does not exist'],
    [{ source: 'file:///etc' }, 'Input "source": "file:///etc" is not a Git or HTTP URL'],
  ])('refused: %j', (values, want) => expect(refusal(values)).toContain(want));
});
