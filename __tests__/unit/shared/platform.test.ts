import { expect, test } from 'vitest';
import {
  formatPlatform, normalizePlatform, parsePlatform, platformProblem, readPlatformList, seenPlatform,
} from '../../../src/shared/platform.js';

// BuildKit pushes what containerd's normalization gives: arm64/v8 and amd64/v1 are the plain
// architecture, so that is what the merge and the coverage checks must compare.
test.each([
  ['linux/amd64', 'linux/amd64'],
  ['linux/amd64/v1', 'linux/amd64'],
  ['linux/amd64/v3', 'linux/amd64/v3'],
  ['linux/arm64/v8', 'linux/arm64'],
  ['linux/arm64/v9', 'linux/arm64/v9'],
  ['linux/arm/v7', 'linux/arm/v7'],
  ['linux/arm/v8', 'linux/arm/v8'],
  ['linux/riscv64', 'linux/riscv64'],
  ['windows/amd64', 'windows/amd64'],
])('normalizes %s to %s', (text, want) => {
  expect(platformProblem(text)).toBeUndefined();
  expect(normalizePlatform(text)).toBe(want);
});

test('the parsed parts', () => {
  expect(parsePlatform('linux/arm/v7')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
  expect(parsePlatform('linux/amd64/v1')).toEqual({ os: 'linux', architecture: 'amd64' });
});

test.each([
  ['linux/', 'os/arch'],
  ['linux/amd65', 'unknown architecture "amd65"'],
  ['linox/amd64', 'unknown os "linox"'],
  ['linux/arm/v9', 'unknown variant "v9"'],
  ['linux/amd64/v8', 'unknown variant "v8"'],
  ['linux/arm64/v1', 'unknown variant "v1"'],
  ['linux/amd64/v3/x', 'os/arch'],
  ['linux//', 'os/arch'],
])('rejects %s', (text, why) => {
  expect(platformProblem(text)).toContain(why);
  expect(() => parsePlatform(text)).toThrow(why);
});

// Every os, architecture and variant buildx accepts (Go's GOOS and GOARCH lists as containerd's
// platforms package reads them, and the variants it knows) must pass: valid input is never rejected.
const OSES = ['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'illumos', 'solaris', 'aix',
  'android', 'ios', 'plan9', 'dragonfly', 'js', 'wasip1'];
const ARCHES = ['amd64', 'arm64', 'arm', '386', 'ppc64le', 'ppc64', 's390x', 'riscv64', 'mips64le',
  'mips64', 'mipsle', 'mips', 'loong64', 'wasm'];
const VARIANTS: [string, string[]][] = [
  ['amd64', ['v2', 'v3', 'v4']],
  ['arm64', ['v8.1', 'v8.2', 'v8.3', 'v8.4', 'v8.5', 'v8.6', 'v8.7', 'v8.8', 'v8.9', 'v9',
    'v9.1', 'v9.2', 'v9.3', 'v9.4', 'v9.5']],
  ['arm', ['v5', 'v6', 'v7', 'v8']],
  ['ppc64le', ['power8', 'power9', 'power10']],
  ['riscv64', ['rva20u64', 'rva22u64', 'rva23u64']],
];

test.each(OSES)('knows the os %s', (os) => {
  expect(parsePlatform(`${os}/amd64`)).toStrictEqual({ os, architecture: 'amd64' });
});

test.each(ARCHES.filter((a) => a !== 'arm'))('knows the architecture %s', (architecture) => {
  expect(parsePlatform(`linux/${architecture}`)).toStrictEqual({ os: 'linux', architecture });
  expect(normalizePlatform(`linux/${architecture}`)).toBe(`linux/${architecture}`);
});

test.each(VARIANTS.flatMap(([arch, vs]) => vs.map((v) => [arch, v])))('knows %s/%s', (architecture, variant) => {
  expect(parsePlatform(`linux/${architecture}/${variant}`)).toStrictEqual({ os: 'linux', architecture, variant });
  expect(normalizePlatform(`linux/${architecture}/${variant}`)).toBe(`linux/${architecture}/${variant}`);
});

test.each(['386', 'ppc64', 's390x', 'mips64le', 'mips64', 'mipsle', 'mips', 'loong64', 'wasm'])(
  '%s has no variants', (architecture) => {
    expect(platformProblem(`linux/${architecture}/v1`)).toBe(`has an unknown variant "v1" for ${architecture}`);
  });

test('the exact messages, the platform first', () => {
  expect(() => parsePlatform('linux/')).toThrow(/^linux\/ is not a platform of the form os\/arch\[\/variant\], e\.g\. linux\/arm64$/);
  expect(platformProblem('/amd64')).toBe('is not a platform of the form os/arch[/variant], e.g. linux/arm64');
  expect(platformProblem('linux/')).toBe('is not a platform of the form os/arch[/variant], e.g. linux/arm64');
  expect(platformProblem('linox/amd64')).toBe('has an unknown os "linox"');
  expect(platformProblem('linux/amd65')).toBe('has an unknown architecture "amd65"');
  expect(() => parsePlatform('linux/arm/v9')).toThrow(/^linux\/arm\/v9 has an unknown variant "v9" for arm$/);
});

test('the plain architecture has no variant field at all', () => {
  expect(parsePlatform('linux/amd64')).toStrictEqual({ os: 'linux', architecture: 'amd64' });
  expect(parsePlatform('linux/arm64/v8')).toStrictEqual({ os: 'linux', architecture: 'arm64' });
  expect(Object.keys(parsePlatform('linux/amd64/v1'))).toEqual(['os', 'architecture']);
});

// What buildx sends BuildKit for what a user writes: containerd's platforms.Parse then Normalize
// (github.com/containerd/platforms v1.0.0-rc.1, the cases of its TestParseSelector, plus its
// normalizeArch table), and buildx's `local`. One part is an os (with the runner's architecture)
// or an architecture (with linux). The runner here is x64 or arm64, given explicitly.
test.each([
  ['linux/arm64', 'x64', 'linux/arm64'], ['linux/arm64/v8', 'x64', 'linux/arm64'],
  ['linux/arm', 'x64', 'linux/arm/v7'], ['linux/arm/v6', 'x64', 'linux/arm/v6'], ['linux/arm/v7', 'x64', 'linux/arm/v7'],
  ['arm', 'x64', 'linux/arm/v7'], ['armel', 'x64', 'linux/arm/v6'], ['armhf', 'x64', 'linux/arm/v7'],
  ['Aarch64', 'x64', 'linux/arm64'], ['x86_64', 'x64', 'linux/amd64'], ['Linux/x86_64', 'x64', 'linux/amd64'],
  ['i386', 'x64', 'linux/386'], ['s390x', 'x64', 'linux/s390x'], ['linux/s390x', 'x64', 'linux/s390x'],
  ['linux', 'x64', 'linux/amd64'], ['linux', 'arm64', 'linux/arm64'], ['macOS', 'x64', 'darwin/amd64'],
  ['windows', 'x64', 'windows/amd64'],
  // normalizeArch's table
  ['linux/x86-64', 'x64', 'linux/amd64'], ['linux/amd64/V1', 'x64', 'linux/amd64'], ['linux/aarch64', 'x64', 'linux/arm64'],
  ['linux/arm64/8', 'x64', 'linux/arm64'], ['linux/arm64/v8.0', 'x64', 'linux/arm64'], ['linux/arm64/9', 'x64', 'linux/arm64/v9'],
  ['linux/arm64/9.0', 'x64', 'linux/arm64/v9'], ['linux/arm64/v9.0', 'x64', 'linux/arm64/v9'], ['linux/arm/7', 'x64', 'linux/arm/v7'],
  ['linux/arm/5', 'x64', 'linux/arm/v5'], ['linux/arm/6', 'x64', 'linux/arm/v6'], ['linux/arm/8', 'x64', 'linux/arm/v8'],
  ['Linux/AMD64', 'x64', 'linux/amd64'], ['LINUX/ARM64', 'x64', 'linux/arm64'],
  // buildx's keyword for the runner's own platform
  ['local', 'x64', 'linux/amd64'], ['LOCAL', 'arm64', 'linux/arm64'], ['local', 'arm', 'linux/arm/v7'],
])('%s on a %s runner is %s, as buildx sends it', (text, host, want) => {
  expect(platformProblem(text, host)).toBeUndefined();
  expect(normalizePlatform(text, host)).toBe(want);
});

test.each([
  ['linux/*', 'os/arch'], ['*', 'os/arch'], ['windows(10.0.17763)/amd64', 'os/arch'], ['linux/arm64/v8/x', 'os/arch'],
  ['amd65', 'unknown architecture "amd65"'], ['linux/arm64 ', 'os/arch'], ['linux/arm64;id', 'os/arch'],
])('refuses %j (%s)', (text, why) => expect(platformProblem(text, 'x64')).toContain(why));

test('a manifest\'s or a tool\'s platform has the same one text', () => {
  expect(formatPlatform({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe('linux/arm64');
  expect(formatPlatform({ os: 'linux', architecture: 'arm' })).toBe('linux/arm/v7');
  expect(seenPlatform('linux/arm64/v8')).toBe('linux/arm64');
  expect(seenPlatform('linux/Unknown9')).toBe('linux/unknown9');
});

test('a list: quoted fields of several, each normalized once, none twice', () => {
  expect(readPlatformList(['linux/amd64', 'linux/arm64,linux/arm/v7'], 'x64'))
    .toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7']);
  expect(readPlatformList(['local', 'linux/aarch64'], 'x64')).toEqual(['linux/amd64', 'linux/arm64']);
  expect(() => readPlatformList(['linux/x86_64', 'linux/amd64'], 'x64')).toThrow('lists linux/amd64 twice');
  expect(() => readPlatformList(['linux/amd65'], 'x64')).toThrow('linux/amd65 has an unknown architecture "amd65"');
});
