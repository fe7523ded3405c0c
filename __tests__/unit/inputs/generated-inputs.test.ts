// Values as users (and their templating) produce them, generated from a fixed seed and bounded,
// through the one reader and the argv builders: whatever the value, the step either refuses it with
// one line naming an input, or builds an argv in which no value can be read as a flag. No value is
// a thrown TypeError, a stack, or a secret in a message.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createCommands } from '../../../src/builder/create-argv.js';
import { buildCommand } from '../../../src/image-build/build-argv.js';
import { INPUT_NAMES } from '../../../src/inputs/action-inputs.js';
import { parseInputs } from '../../../src/inputs/inputs.js';
import { parseYaml } from '../../../src/inputs/lazy-yaml.js';
import { InputError } from '../../../src/shared/errors.js';
import { imagetoolsArgv } from '../../../src/merge/merge.js';

const SEED = 20261130;
const PER_INPUT = 7;

/** mulberry32: small, seeded, the same sequence on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['linux/arm64', 'local', 'x86_64', 'Linux/AMD64', 'arm64', 'all', 'a=b', 'KEY=VALUE', 'A', '-x',
  '--push', '-fuzz', '$(reboot)', '`id`', ';', '|', '&&', '>', '"', '""', '"a,b"', '"open', ',', '\n', '\r\n', '#c',
  ' ', '\t', 'type=registry,ref=r/a', 'type=image,push=true', 'type=local,dest=out', 'mode=max', 'true', 'False',
  'yes', '10%', '2GiB', '1t', '[::1]:5000', 'registry.test:5443', 'http://h:5000', 'docker.io', 'ghcr.io/o/app:1',
  'r/app@sha256:' + 'a'.repeat(64), 'name: a', '- {name: a, platforms: linux/arm64}', '!foo', '{', '[', '%',
  'ü', '\\', "'", '*', '../', '/etc/passwd', '0', '-1', '99999999999', 'host-gateway', 'a:1.2.3.4', 'network.host',
  '{{defaultContext}}', 'x'.repeat(300)];
const SEPARATORS = ['', ',', '\n', ' ', '=', '/', ':'];

function generate(next: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const n = 1 + Math.floor(next() * 4);
  let out = '';
  for (let i = 0; i < n; i++) out += (i > 0 ? pick(SEPARATORS) : '') + pick(PIECES);
  return out;
}

const ctx = mkdtempSync(join(tmpdir(), 'mab-generated-'));
writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\n');
const SECRET = 'S3cr3t-value-never-shown';

/** What buildx takes without a value; every other flag consumes the next argument, dash or not. */
const SWITCHES = new Set(['--load', '--no-cache', '--pull', '--push', '--bootstrap', '--append', '--use']);

/** Walks an argv as buildx's flag parser does: flags and their values, then `--` and the context. */
function flagsAreFlags(argv: readonly string[], start: number, positional: boolean): string | undefined {
  let i = start;
  while (i < argv.length) {
    const a = argv[i] ?? '';
    if (a === '--') return positional && i === argv.length - 2 ? undefined : `-- at ${i} of ${JSON.stringify(argv)}`;
    if (!/^--[a-z][a-z-]*$/.test(a)) {
      if (!positional && i === argv.length - 1) return undefined; // create's endpoint, last
      return `${JSON.stringify(a)} stands where a flag must in ${JSON.stringify(argv)}`;
    }
    i += SWITCHES.has(a) ? 1 : 2;
  }
  return positional ? `no -- before the context in ${JSON.stringify(argv)}` : undefined;
}

const cases: [string, string][] = [];
const next = random(SEED);
for (const name of INPUT_NAMES) {
  for (let k = 0; k < PER_INPUT; k++) cases.push([name, generate(next)]);
  if (name === 'secrets') cases.push([name, `A=${SECRET}`], [name, `${SECRET}`], [name, `"A=${SECRET}`]);
}

test(`${cases.length} generated values (seed ${SEED}): refused in one line naming an input, or inert`, () => {
  let refused = 0;
  for (const [name, value] of cases) {
    const raw = (n: string): string => (n === name ? value : n === 'context' ? ctx : '');
    let inputs;
    try {
      inputs = parseInputs(raw, {}, parseYaml);
    } catch (error) {
      refused++;
      expect(error, `${name}=${JSON.stringify(value)}`).toBeInstanceOf(InputError);
      const message = (error as Error).message;
      expect(message).toMatch(/^Input "[a-z-]+": /);
      expect(message).not.toContain('\n');
      expect(message).not.toContain(SECRET);
      continue;
    }
    const build = buildCommand(inputs, '/m.json', {}, { name: 'b', hostNetwork: inputs.setup.hostNetwork });
    expect(flagsAreFlags(build.argv, 1, true), `${name}=${JSON.stringify(value)}`).toBeUndefined();
    expect(build.argv.join('\0')).not.toContain(SECRET);
    for (const argv of createCommands('b', inputs.setup)) {
      expect(flagsAreFlags(argv, 1, false), `${name}=${JSON.stringify(value)}`).toBeUndefined();
    }
    const merge = imagetoolsArgv(inputs.tags, inputs.annotations, inputs.release.sources);
    expect(merge.slice(2 + 2 * (inputs.tags.length + inputs.annotations.length))
      .every((s) => !s.startsWith('-')), JSON.stringify(merge)).toBe(true);
  }
  // Both outcomes are exercised: a generator that only ever failed would prove nothing.
  expect(refused).toBeGreaterThan(cases.length / 10);
  expect(refused).toBeLessThan(cases.length);
});
