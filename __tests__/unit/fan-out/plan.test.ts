// `mode: plan`: platforms x runner maps -> the matrix. The hosted defaults are docker/github-builder's
// (linux/arm and linux/arm64 on ubuntu-24.04-arm, the rest on ubuntu-24.04).
import { describe, expect, test } from 'vitest';
import { planLegs, runnerArch } from '../../../src/fan-out/plan.js';
import { parseInputs } from '../../../src/inputs/inputs.js';
import { parseYaml } from '../../../src/inputs/lazy-yaml.js';
import { matrixOf } from '../../../src/shared/legs.js';

const plan = (platforms: string, runners = '', group = 'false') => {
  const i = parseInputs((n) => ({ mode: 'plan', platforms, runners, 'group-by-runner': group, context: '.' }[n] ?? ''),
    {}, parseYaml);
  return planLegs(i.platforms, i.fanOut.runners, i.fanOut.groupByRunner)
    .map(({ platform, runner, emulated }) => [platform, runner, emulated]);
};

describe('the legs of a fan-out', () => {
  test.each<[string, string, string, (string | string[] | boolean)[][]]>([
    ['hosted defaults', 'linux/amd64,linux/arm64', '', [['linux/amd64', 'ubuntu-24.04', false],
      ['linux/arm64', 'ubuntu-24.04-arm', false]]],
    ['arm/v7 on the arm runner (emulated there: an arm64 CPU, QEMU for 32-bit arm)', 'linux/arm/v7', '',
      [['linux/arm/v7', 'ubuntu-24.04-arm', true]]],
    ['386 runs natively on x64', 'linux/386', '', [['linux/386', 'ubuntu-24.04', false]]],
    ['no native runner: the default runner, emulated', 'linux/riscv64,linux/s390x', '',
      [['linux/riscv64', 'ubuntu-24.04', true], ['linux/s390x', 'ubuntu-24.04', true]]],
    ['a self-hosted runner by its labels', 'linux/amd64,linux/riscv64', 'linux/riscv64: [self-hosted, riscv64]',
      [['linux/amd64', 'ubuntu-24.04', false], ['linux/riscv64', ['self-hosted', 'riscv64'], false]]],
    ['a self-hosted arm64 runner with GitHub\'s own labels', 'linux/arm64', 'linux/arm64: [self-hosted, linux, ARM64]',
      [['linux/arm64', ['self-hosted', 'linux', 'ARM64'], false]]],
    ['a label of unknown architecture mapped by hand is native to it', 'linux/ppc64le', 'linux/ppc64le: power-box',
      [['linux/ppc64le', 'power-box', false]]],
    ['another default runner', 'linux/amd64,linux/arm64', 'default: [self-hosted, x64]',
      [['linux/amd64', ['self-hosted', 'x64'], false], ['linux/arm64', 'ubuntu-24.04-arm', false]]],
    ['the most specific pattern wins', 'linux/arm/v6,linux/arm/v7', 'linux/arm/v6: pi-zero',
      [['linux/arm/v6', 'pi-zero', false], ['linux/arm/v7', 'ubuntu-24.04-arm', true]]],
    ['patterns as buildx reads platforms', 'linux/arm64', 'linux/aarch64: [self-hosted, arm64]',
      [['linux/arm64', ['self-hosted', 'arm64'], false]]],
  ])('%s', (_name, platforms, runners, want) => expect(plan(platforms, runners)).toEqual(want));

  test('grouped by runner: one leg per runner, emulated when any platform of it is', () => {
    expect(plan('linux/amd64,linux/386,linux/arm64,linux/arm/v7', '', 'true')).toEqual([
      ['linux/amd64,linux/386', 'ubuntu-24.04', false], ['linux/arm64,linux/arm/v7', 'ubuntu-24.04-arm', true]]);
  });

  test('the matrix output is what strategy.matrix takes', () => {
    const i = parseInputs((n) => ({ mode: 'plan', context: '.' }[n] ?? ''), {}, parseYaml);
    expect(JSON.parse(matrixOf(planLegs(i.platforms, i.fanOut.runners, false)))).toEqual({ include: [
      { platform: 'linux/amd64', runner: 'ubuntu-24.04', emulated: false, slug: 'linux-amd64' },
      { platform: 'linux/arm64', runner: 'ubuntu-24.04-arm', emulated: false, slug: 'linux-arm64' },
    ] });
  });

  test.each([['ubuntu-24.04', 'amd64'], ['ubuntu-22.04-arm', 'arm64'], ['ubuntu-latest', 'amd64'],
    [['self-hosted', 'Linux', 'ARM64'], 'arm64'], [['self-hosted', 'X64'], 'amd64'], ['my-runner', undefined]])(
    'runner %j is %s', (runner, arch) => expect(runnerArch(runner)).toBe(arch));

  test.each([
    ['linux/amd64: ""', 'maps to no runs-on label'], ['linux/amd65: x', 'is not a platform, a prefix of one, or default'],
    ['- a', 'must be a YAML mapping'], ['linux/arm64: [self hosted]', 'maps to no runs-on label'],
  ])('runners %j is refused: %s', (runners, why) => {
    expect(() => plan('linux/amd64', runners)).toThrow(why);
  });
});

test('a bake\'s legs carry their target into the matrix; an image\'s legs carry none', () => {
  const legs = planLegs(['linux/amd64'], [{ pattern: 'default', runner: 'ubuntu-24.04' }], false);
  expect(JSON.parse(matrixOf(legs.map((l) => ({ ...l, target: 'app' })))).include[0]).toMatchObject({ target: 'app' });
  expect(JSON.parse(matrixOf(legs)).include[0]).not.toHaveProperty('target');
});
