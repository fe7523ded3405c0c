// `npm run bench`: a bake of three targets (two of two platforms, arm64 under QEMU, one of one)
// through the action against bare `docker buildx bake` on the same definition and builder (the
// engine's), interleaved round after round, medians. Each round builds anew (no-cache: a RUN that
// hashes 1 GiB, slow under QEMU, as emulated steps are: ~25 s a bake) and pushes to fresh tags;
// the action also reads the definition, reads every target back from the registry, and keeps the
// build record (shown with and without it). The three sides take turns going first (a rotation per round): on
// the bed, whichever runs right after another build pays for it. The goal: within 1.05x.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ARCH_DOCKERFILE, bedIsUp, makeContext, uniqueRepo } from '../__tests__/e2e/helpers/bed.js';
import { median, timedAction } from './rounds.js';

const ROUNDS = Number(process.env.BENCH_BAKE_ROUNDS ?? 5);
const DOCKERFILE = `${ARCH_DOCKERFILE}ARG ROLE
RUN ["/bin/busybox", "sh", "-c", "/bin/busybox dd if=/dev/zero bs=1M count=1024 2>/dev/null | /bin/busybox sha256sum > /sum; echo $ROLE > /role"]
`;
const HCL = `variable "REPO" {}
group "default" {
  targets = ["app", "worker", "migrate"]
}
target "app" {
  platforms = ["linux/amd64", "linux/arm64"]
  tags = ["\${REPO}/app:1"]
  no-cache = true
}
target "worker" {
  inherits = ["app"]
  tags = ["\${REPO}/worker:1"]
  args = { ROLE = "worker" }
}
target "migrate" {
  inherits = ["app"]
  platforms = ["linux/amd64"]
  tags = ["\${REPO}/migrate:1"]
  args = { ROLE = "migrate" }
}
`;

function bareBake(dir: string, repo: string): number {
  const t0 = performance.now();
  const r = spawnSync('docker', ['buildx', 'bake', '--builder', 'default', '--file', 'docker-bake.hcl', '--push',
    '--metadata-file', join(dir, 'bare-metadata.json')], { cwd: dir, env: { ...process.env, REPO: repo }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bare bake failed:\n${r.stderr.slice(-2000)}`);
  return (performance.now() - t0) / 1000;
}

test.skipIf(!bedIsUp())('three targets: the action against bare docker buildx bake, interleaved', async () => {
  const dir = makeContext(DOCKERFILE, { 'docker-bake.hcl': HCL });
  const inputs = { workdir: dir, files: 'docker-bake.hcl', builder: 'default', push: 'true' };
  const t = { bare: [] as number[], action: [] as number[], noRecord: [] as number[] };
  const sides: (() => Promise<void>)[] = [
    async () => void t.bare.push(bareBake(dir, uniqueRepo('bake-bare'))),
    async () => {
      const run = await timedAction(inputs, { env: { REPO: uniqueRepo('bake-action') } });
      expect(Object.keys(JSON.parse(run.run.outputs.targets ?? '{}') as object)).toHaveLength(3);
      t.action.push(run.seconds);
    },
    async () => void t.noRecord.push((await timedAction(inputs, { env: { REPO: uniqueRepo('bake-norecord'),
      DOCKER_BUILD_SUMMARY: 'false' } })).seconds),
  ];
  for (let i = 0; i < ROUNDS; i++) {
    for (let k = 0; k < sides.length; k++) await sides[(i + k) % sides.length]?.();
  }
  const [bare, action, noRecord] = [median(t.bare), median(t.action), median(t.noRecord)];
  const all = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');
  console.log([`bake, three targets, ${ROUNDS} interleaved rounds (medians; the action adds ` +
      `${(action - bare).toFixed(2)} s, ${(noRecord - bare).toFixed(2)} s without the record):`,
    `  bare docker buildx bake        ${bare.toFixed(2)} s   (all: ${all(t.bare)})`,
    `  the action                     ${action.toFixed(2)} s   ratio ${(action / bare).toFixed(3)}   (all: ${all(t.action)})`,
    `  the action, no build record    ${noRecord.toFixed(2)} s   ratio ${(noRecord / bare).toFixed(3)}   ` +
      `(all: ${all(t.noRecord)})`].join('\n'));
  expect(bare).toBeGreaterThan(0);
});
