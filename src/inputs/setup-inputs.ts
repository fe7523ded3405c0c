// Inputs of the setup stages (QEMU and the builder the action creates), read with the same rules.
import { errorMessage, InputError } from '../shared/errors.js';
import { keyAndValue } from '../shared/lists.js';
import type { InputReader } from './reader.js';
import { parseNodeSpecs, type ParseYaml } from './node-specs.js';
import { DRIVERS, type BuilderInputs, type QemuInputs, type RegistrySettings } from '../shared/inputs-types.js';
import * as rule from './rules.js';
import { normalizePlatform } from '../shared/platform.js';

export function parseQemuInputs(r: InputReader): QemuInputs {
  const qemu: QemuInputs = {
    mode: r.oneOf('qemu', ['auto', 'true', 'false'] as const),
    image: r.optional('qemu-image', rule.reference) ?? '',
  };
  const platforms = r.list('qemu-platforms', rule.platform);
  if (platforms.length > 0) qemu.platforms = platforms.map(normalizePlatform);
  return qemu;
}

export function parseBuilderInputs(r: InputReader, parseYaml?: ParseYaml): BuilderInputs {
  const driver = r.oneOf('driver', DRIVERS);
  const b: BuilderInputs = {
    driver,
    driverOpts: r.lines('driver-opts', (v) => (v.includes('=') ? undefined : 'is not of the form KEY=VALUE')),
    buildkitImage: r.optional('buildkit-image', rule.reference) ?? '',
    hostNetwork: r.flag('host-network'),
    bootTimeoutSeconds: r.integer('boot-timeout', 1, 3600),
    bootRetries: r.integer('boot-retries', 0, 10),
    cleanup: r.flag('cleanup'),
    registry: parseRegistrySettings(r),
  };
  const flags = r.optional('buildkitd-flags');
  if (flags !== undefined) b.buildkitdFlags = flags;
  const config = r.optional('buildkitd-config-inline');
  if (config !== undefined) b.buildkitdConfigInline = config;
  const nodesText = r.text('nodes');
  if (nodesText !== '') {
    if (!parseYaml) throw new Error('nodes given but no YAML parser loaded'); // a bug, not an input error
    try {
      b.nodes = parseNodeSpecs(nodesText, parseYaml);
    } catch (error) {
      throw new InputError('nodes', firstLine(nodesText), errorMessage(error));
    }
    const missing = b.nodes.find((n) => !n.endpoint);
    if (driver === 'remote' && missing) {
      const why = `node ${missing.name} needs an endpoint for the remote driver`;
      throw new InputError('nodes', firstLine(nodesText), why);
    }
  } else if (driver === 'remote') {
    throw new InputError('driver', driver, 'needs `nodes` with an endpoint for each node');
  }
  return b;
}

const HOST = /^[A-Za-z0-9.-]+(:[0-9]+)?$/;

function parseRegistrySettings(r: InputReader): RegistrySettings {
  const hostIs = (v: string): string | undefined => (HOST.test(v) ? undefined : 'is not a registry host[:port]');
  const pairs = (name: string, valueRule: rule.Rule): [string, string][] =>
    r.lines(name, rule.keyValue(HOST, 'registry host')).map((item) => {
      const [host, value] = keyAndValue(item);
      const why = valueRule(value.trim());
      if (why) throw new InputError(name, item, `has a value that ${why}`);
      return [host, value.trim()];
    });
  const settings: RegistrySettings = {
    ca: Object.fromEntries(pairs('registry-ca', rule.pathExists('file'))),
    insecure: r.list('insecure-registries', hostIs),
    mirrors: {},
  };
  for (const [host, url] of pairs('registry-mirrors', rule.matches(/^(https?:\/\/)?[A-Za-z0-9.-]+(:[0-9]+)?(\/\S*)?$/, 'a mirror URL'))) {
    (settings.mirrors[host] ??= []).push(url);
  }
  const keep = r.optional('cache-keep-storage', rule.matches(rule.SIZE, 'a size such as 10gb'));
  if (keep) settings.keepStorage = keep;
  return settings;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : `${line}${text.trim().includes('\n') ? ' ...' : ''}`;
}
