// The buildkitd config every node the action starts gets: registry CAs, insecure registries,
// mirrors and the GC limit, merged into buildkitd-config-inline (which wins on conflicts).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { parse } from 'yaml';
import { buildkitdConfig, hasSettings } from '../../../src/builder/buildkitd-config.js';
import type { RegistrySettings } from '../../../src/shared/inputs-types.js';
import { createCommands } from '../../../src/builder/create-argv.js';
import { InputReader } from '../../../src/inputs/reader.js';
import { registryTrust, trustFrom } from '../../../src/registry/trust.js';
import { parseBuilderInputs } from '../../../src/inputs/setup-inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'mab-ca-'));
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const setup = (values: Record<string, string>) => parseBuilderInputs(new InputReader((n) => values[n] ?? ''), parse);
const none: RegistrySettings = { ca: {}, insecure: [], mirrors: {} };

describe('buildkitd config', () => {
  test('every setting, with no inline config', () => {
    const s = setup({
      'registry-ca': `registry.test:5443=${caFile}`,
      'insecure-registries': 'localhost:5000, 10.0.0.5:5000',
      'registry-mirrors': 'docker.io=https://mirror.gcr.io\ndocker.io=http://10.0.0.9:5000',
      'cache-keep-storage': '10gb',
    }).registry;
    expect(buildkitdConfig(s)).toBe(`[registry."registry.test:5443"]
  ca = ["${caFile}"]

[registry."localhost:5000"]
  http = true
  insecure = true

[registry."10.0.0.5:5000"]
  http = true
  insecure = true

[registry."docker.io"]
  mirrors = ["mirror.gcr.io", "10.0.0.9:5000"]

[registry."10.0.0.9:5000"]
  http = true

[worker.oci]
  gc = true
  gckeepstorage = "10gb"
`);
  });

  test('the inline config wins on conflicts; its tables get the missing keys once', () => {
    const inline = '[registry."docker.io"]\n  mirrors = ["my.mirror"]\n\n[worker.oci]\n  gckeepstorage = "2gb"\n  max-parallelism = 4';
    const s: RegistrySettings = { ...none, mirrors: { 'docker.io': ['mirror.gcr.io'] }, insecure: ['docker.io'], keepStorage: '10gb' };
    expect(buildkitdConfig(s, inline)).toBe(`[registry."docker.io"]
  http = true
  insecure = true
  mirrors = ["my.mirror"]

[worker.oci]
  gc = true
  gckeepstorage = "2gb"
  max-parallelism = 4
`);
  });

  // TOML quotes a table name either way: `[registry.'r.example:5000']` IS `[registry."r.example:5000"]`,
  // and a table written twice is an error buildkitd refuses to start with.
  test.each([
    ["[registry.'r.example:5000']"],
    ['[registry."r.example:5000"]'],
    ['[ registry . "r.example:5000" ]'],
  ])('the inline config names the table as %s: one table, with both settings, valid TOML', (header) => {
    const inline = `${header}\n  mirrors = ["m.example"]\n`;
    const merged = buildkitdConfig({ ...none, ca: { 'r.example:5000': caFile } }, inline);
    const toml = parseToml(merged) as { registry: Record<string, { mirrors: string[]; ca: string[] }> };
    expect(toml.registry).toEqual({ 'r.example:5000': { mirrors: ['m.example'], ca: [caFile] } });
  });

  test('inline configs as users write them: indented headers, comments, keys without spaces', () => {
    const inline = [
      '  [registry."docker.io"]   # the Hub, through our mirror',
      '    mirrors=["inline.test"]',
      '[registry."r.test:5000"]',
      '    # http = true  (commented out: not a key)',
      '[worker.oci]',
      '  gckeepstorage = 9000',
    ].join('\n');
    const settings = { ...none, insecure: ['r.test:5000'], mirrors: { 'docker.io': ['http://m.test:5000/v2/mirror'] }, keepStorage: '1gb' };
    expect(parseToml(buildkitdConfig(settings, inline))).toEqual({
      registry: {
        'docker.io': { mirrors: ['inline.test'] },
        'r.test:5000': { http: true, insecure: true },
        'm.test:5000': { http: true },
      },
      worker: { oci: { gckeepstorage: 9000, gc: true } },
    });
  });

  test('a mirror\'s scheme is dropped, its path kept in the mirror but not in the host it makes plain HTTP', () => {
    expect(parseToml(buildkitdConfig({ ...none, mirrors: { 'docker.io': ['https://a.test/x', 'http://b.test:5000/p/q'] } })))
      .toEqual({ registry: {
        'docker.io': { mirrors: ['a.test/x', 'b.test:5000/p/q'] },
        'b.test:5000': { http: true },
      } });
  });

  test.each<[string, RegistrySettings, boolean]>([
    ['none', none, false],
    ['a CA', { ...none, ca: { 'r.test': '/ca.pem' } }, true],
    ['an insecure registry', { ...none, insecure: ['r.test'] }, true],
    ['a mirror', { ...none, mirrors: { 'docker.io': ['m.test'] } }, true],
    ['a GC limit', { ...none, keepStorage: '1gb' }, true],
    ['an empty GC limit', { ...none, keepStorage: '' }, false],
  ])('has settings: %s -> %s', (_what, settings, want) => {
    expect(hasSettings(settings)).toBe(want);
  });

  test('nothing to add leaves the inline config as it is', () => {
    expect(hasSettings(none)).toBe(false);
    expect(buildkitdConfig(none, 'debug = true')).toBe('debug = true\n');
  });

  test('the config file reaches every node the action creates, not only the first', () => {
    const s = setup({ nodes: '- {name: a}\n- {name: b, endpoint: "unix:///var/run/docker2.sock"}', 'cache-keep-storage': '5gb' });
    const argvs = createCommands('mab', s, '/tmp/buildkitd.toml');
    expect(argvs).toHaveLength(2);
    for (const argv of argvs) expect(argv.join(' ')).toContain('--buildkitd-config /tmp/buildkitd.toml');
  });

  test.each([
    ['registry-ca', 'registry.test=/no/such/ca.pem', 'does not exist'],
    ['registry-ca', 'not a host=/x', 'registry host'],
    ['insecure-registries', 'http://x', 'registry host'],
    ['registry-mirrors', 'docker.io=ftp://mirror', 'mirror URL'],
    ['cache-keep-storage', 'lots', 'size'],
  ])('bad %s %j', (name, value, why) => {
    expect(() => setup({ [name]: value })).toThrow(new RegExp(`^Input "${name}": .*${why}`));
  });
});

describe('trust of the action\'s own registry reads', () => {
  test('registry-ca first, then docker\'s certs.d; insecure registries', () => {
    const certs = mkdtempSync(join(tmpdir(), 'mab-certsd-'));
    const hostDir = join(certs, 'other.test:443');
    mkdirSync(hostDir);
    writeFileSync(join(hostDir, 'ca.crt'), 'PEM-B');
    const trust = trustFrom({ 'registry.test:5443': readFileSync(caFile, 'utf8') }, ['plain:5000'], certs);
    expect(trust('registry.test:5443').ca[0]).toContain('BEGIN CERTIFICATE');
    expect(trust('other.test:443')).toEqual({ ca: ['PEM-B'], insecure: false });
    expect(trust('plain:5000')).toEqual({ ca: [], insecure: true });
  });

  // buildx (Go) merges a multi-node build's manifests on the runner: SSL_CERT_FILE replaces its
  // system roots, so the bundle holds the system's and the registry's CA.
  test('buildx\'s own trust: a bundle of the system roots and registry-ca, in the job\'s folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mab-bundle-'));
    expect(registryTrust({ ca: {}, insecure: [] }, dir).env).toEqual({});
    const { env, trustFor } = registryTrust({ ca: { 'registry.test:5443': caFile }, insecure: [] }, dir);
    expect(trustFor('registry.test:5443').ca).toEqual([readFileSync(caFile, 'utf8')]);
    expect(env.SSL_CERT_FILE?.startsWith(dir)).toBe(true);
    const bundle = readFileSync(env.SSL_CERT_FILE ?? '', 'utf8');
    expect(bundle).toContain(readFileSync(caFile, 'utf8').trim());
    expect(bundle.split('BEGIN CERTIFICATE').length).toBeGreaterThan(10); // the system's roots kept
  });
});
