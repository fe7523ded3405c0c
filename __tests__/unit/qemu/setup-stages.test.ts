// QEMU planning, binfmt handler files, engine facts and known fixes, on real captured text.
import { fixture } from '../../fixture.js';
import { describe, expect, test } from 'vitest';
import { handlerFor, parseHandler } from '../../../src/host/binfmt.js';
import { hostPlatforms } from '../../../src/shared/platform.js';
import { parseEngineInfo, engineSocket, type InfoJson } from '../../../src/host/engine-api.js';
import { engineProblem } from '../../../src/preflight/preflight.js';
import { platformsToEmulate } from '../../../src/qemu/qemu.js';
import type { QemuInputs } from '../../../src/shared/inputs-types.js';


describe('binfmt', () => {
  test("Debian's aarch64 handler, as /proc shows it", () => {
    expect(parseHandler(fixture('binfmt/qemu-aarch64.debian'))).toEqual({
      enabled: true, interpreter: '/usr/libexec/qemu-binfmt/aarch64-binfmt-P', flags: 'PF',
    });
    expect(parseHandler('disabled\ninterpreter /x\nflags: \n').enabled).toBe(false);
  });

  test.each([
    ['linux/arm64', 'qemu-aarch64', 'arm64'],
    ['linux/arm/v7', 'qemu-arm', 'arm'],
    ['linux/amd64', 'qemu-x86_64', 'amd64'],
    ['linux/riscv64', 'qemu-riscv64', 'riscv64'],
    ['linux/mips64le', 'qemu-mips64el', 'mips64le'],
  ])('%s -> %s', (platform, handler, install) => {
    expect(handlerFor(platform)).toEqual({ handler, install });
  });

  test('no handler for other systems', () => {
    expect(handlerFor('windows/amd64')).toBeUndefined();
    expect(hostPlatforms('x64')).toEqual(['linux/amd64', 'linux/386']);
  });
});

describe('which platforms need emulation (on an amd64 host)', () => {
  const q = (mode: QemuInputs['mode'], platforms?: string[]): QemuInputs =>
    ({ mode, image: 'tonistiigi/binfmt:qemu-v10.2.3-68', ...(platforms ? { platforms } : {}) });
  const wanted = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'windows/amd64'];
  const amd64Host = hostPlatforms('x64');
  test('a builder named by `builder` (not default) knows its own nodes: auto emulates nothing', () => {
    expect(platformsToEmulate(q('auto'), wanted, [], 'my-remote-builder')).toEqual([]);
    expect(platformsToEmulate(q('auto'), ['linux/arm64'], [], 'default', amd64Host)).toEqual(['linux/arm64']);
  });

  test.each<[string, QemuInputs, string[], string[]]>([
    ['auto, one local node', q('auto'), [], ['linux/arm64', 'linux/arm/v7']],
    ['auto, a native arm64 node', q('auto'), ['linux/arm64'], ['linux/arm/v7']],
    ['true ignores nodes', q('true'), ['linux/arm64'], ['linux/arm64', 'linux/arm/v7']],
    ['false', q('false'), [], []],
    ['qemu-platforms wins', q('auto', ['linux/riscv64']), [], ['linux/riscv64']],
  ])('%s', (_name, qemu, native, want) => {
    expect(platformsToEmulate(qemu, wanted, native, undefined, amd64Host)).toEqual(want);
  });

  test('on an arm64 host, arm64 is native and amd64 is emulated', () => {
    expect(platformsToEmulate(q('auto'), wanted, [], undefined, hostPlatforms('arm64')))
      .toEqual(['linux/amd64', 'linux/arm/v7']);
  });
});

describe('engine facts from its API', () => {
  const containerd = parseEngineInfo(JSON.parse(fixture('engine-info-containerd.json')) as InfoJson);
  const classic = parseEngineInfo(JSON.parse(fixture('engine-info-classic.json')) as InfoJson);

  test('image store', () => {
    expect(containerd).toEqual({ version: '28.5.2+dfsg4', containerdStore: true, architecture: 'x86_64' });
    expect(classic.containerdStore).toBe(false);
  });

  test('the default builder on the classic store cannot build several platforms', () => {
    expect(engineProblem('default', ['linux/amd64', 'linux/arm64'], classic))
      .toMatch(/classic image store .* Fix: .*leave `builder` empty/);
    expect(engineProblem('default', ['linux/amd64'], classic)).toBeUndefined();
    expect(engineProblem('default', ['linux/amd64', 'linux/arm64'], containerd)).toBeUndefined();
    expect(engineProblem(undefined, ['linux/amd64', 'linux/arm64'], classic)).toBeUndefined();
  });

  test('the socket comes from DOCKER_HOST', () => {
    expect(engineSocket({})).toBe('/var/run/docker.sock');
    expect(engineSocket({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })).toBe('/run/user/1000/docker.sock');
    expect(engineSocket({ DOCKER_HOST: 'tcp://10.0.0.2:2376' })).toBeUndefined();
  });
});
