// Inputs of the setup stages (QEMU and the builder the action creates), read with the same rules.
import { errorMessage, InputError } from '../shared/errors.js';
import type { InputReader } from './reader.js';
import { parseNodeSpecs, type ParseYaml } from './node-specs.js';
import { DRIVERS, type BuilderInputs, type QemuInputs, type RegistrySettings } from '../shared/inputs-types.js';
import * as rule from './rules.js';
import { isRegistryHost, REGISTRY_HOST } from '../shared/registry-host.js';
import { emulatablePlatforms } from '../host/binfmt.js';

export function parseQemuInputs(r: InputReader): QemuInputs {
  const qemu: QemuInputs = {
    mode: r.oneOf('qemu', ['auto', 'true', 'false'] as const),
    image: r.optional('qemu-image', rule.reference) ?? '',
  };
  // docker/setup-qemu-action's forms: `arm64` (one part, read as containerd reads it) and `all`.
  const platforms = r.platforms('qemu-platforms', (item) => (item === 'all' ? emulatablePlatforms() : undefined));
  if (platforms.length > 0) qemu.platforms = platforms;
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

function parseRegistrySettings(r: InputReader): RegistrySettings {
  const hostKey = rule.keyValue(REGISTRY_HOST, 'registry host');
  const settings: RegistrySettings = {
    ca: Object.fromEntries(r.pairs('registry-ca', hostKey, rule.pathExists('file'))),
    insecure: r.list('insecure-registries', rule.matches(REGISTRY_HOST, 'a registry host[:port]')),
    mirrors: {},
  };
  for (const [host, url] of r.pairs('registry-mirrors', hostKey, mirrorUrl)) (settings.mirrors[host] ??= []).push(url);
  const keep = r.optional('cache-keep-storage', rule.matches(rule.KEEP_STORAGE, 'a size such as 10gb, or a percentage of the disk such as 10%'));
  if (keep) settings.keepStorage = keep;
  return settings;
}

/** A mirror as buildkitd takes it: [http(s)://]HOST[:PORT][/path]. */
const mirrorUrl: rule.Rule = (v) => {
  const host = /^(?:https?:\/\/)?([^/\s]+)(?:\/\S*)?$/.exec(v)?.[1];
  return host !== undefined && isRegistryHost(host) ? undefined : 'is not a mirror URL';
};

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : `${line}${text.trim().includes('\n') ? ' ...' : ''}`;
}
