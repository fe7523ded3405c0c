// The emulation watch fed buildx's progress captured on the bed, line by line as it streams: which
// failures are QEMU's, on which platform, and when a crashed step's silence stops the attempt.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fixture } from '../../fixture.js';
import { CrashWatch, type WatchContext } from '../../../src/emulation/crash-watch.js';

const lines = (file: string): string[] => fixture(`progress/${file}`).split(/\r?\n/);
const QEMU = { description: 'qemu-aarch64 version 7.2.22 (the test\'s)', interpreter: '/usr/bin/qemu-aarch64-static',
  fixBinary: true };

function watch(ctx: Partial<WatchContext> = {}): { w: CrashWatch; stops: () => number } {
  let stops = 0;
  const w = new CrashWatch({
    emulated: ['linux/arm64'], platforms: ['linux/amd64', 'linux/arm64'],
    qemuFor: async (platform) => ({ platform, ...QEMU }), ...ctx,
  }, () => stops++);
  return { w, stops: () => stops };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test('a child crashing under QEMU in a FROM scratch build: the one emulated platform named, one retry', async () => {
  const { w, stops } = watch();
  for (const l of lines('v0.29-qemu-child-crash-two-platforms.txt')) w.line(l);
  w.end();
  const explained = await w.explain({ stopped: false, errorText: '' });
  expect(explained?.line).toMatch(/^\[2\/2\] RUN .* crashed under QEMU emulation on linux\/arm64: Segmentation fault \(qemu: uncaught target signal 11 \(Segmentation fault\) - core dumped\); QEMU in use: qemu-aarch64 version 7\.2\.22/);
  expect(explained?.verdict).toMatchObject({ transient: true, maxAttempts: 2 });
  expect(explained?.verdict.fix).toContain('try a known-good QEMU');
  expect(explained?.verdict.fix).toContain('--uninstall qemu-aarch64');
  expect(stops()).toBe(0);
});

test('an illegal instruction under QEMU is not tried again', async () => {
  const { w } = watch({ platforms: ['linux/arm64'] });
  for (const l of lines('v0.29-qemu-sigill-arm64.txt')) w.line(l);
  const explained = await w.explain({ stopped: false, errorText: '' });
  expect(explained?.line).toContain('crashed under QEMU emulation on linux/arm64: Illegal instruction');
  expect(explained?.verdict.transient).toBe(false);
  expect(explained?.verdict.maxAttempts).toBeUndefined();
});

test('exit 139 on arm64 with QEMU\'s line hidden, where amd64 passed the same step: still QEMU\'s', async () => {
  const { w } = watch();
  for (const l of lines('v0.29-emulated-139-native-passed.txt')) w.line(l);
  const explained = await w.explain({ stopped: false, errorText: '' });
  expect(explained?.line).toMatch(/^\[2\/2\] RUN if .* crashed under QEMU emulation on linux\/arm64: exit code 139 while the same step passed natively/);
  expect(explained?.verdict).toMatchObject({ transient: true, maxAttempts: 2 });
});

test('the same exit code on a native platform is not QEMU\'s', async () => {
  const { w } = watch({ emulated: [], platforms: ['linux/amd64'] });
  for (const l of lines('v0.29-native-crash-amd64.txt')) w.line(l);
  expect(await w.explain({ stopped: false, errorText: '' })).toBeUndefined();
  // Nor is an arm64 exit 139 when no native run of the step passed.
  const { w: other } = watch({ platforms: ['linux/arm64'] });
  for (const l of lines('v0.29-emulated-139-native-passed.txt').filter((l) => !l.startsWith('#7 '))) other.line(l);
  expect(await other.explain({ stopped: false, errorText: '' })).toBeUndefined();
  // Nor when the step passed only on another emulated platform.
  const { w: both } = watch({ emulated: ['linux/amd64', 'linux/arm64'] });
  for (const l of lines('v0.29-emulated-139-native-passed.txt')) both.line(l);
  expect(await both.explain({ stopped: false, errorText: '' })).toBeUndefined();
});

test('a first process crashing under QEMU: silence after the crash line stops the attempt after the grace', async () => {
  const { w, stops } = watch({ platforms: ['linux/arm64'], graceMs: 20_000 });
  const hung = lines('v0.29-qemu-first-process-crash.txt');
  for (const l of hung.slice(0, hung.findIndex((l) => l.includes('uncaught target signal')) + 1)) w.line(l);
  vi.advanceTimersByTime(15_000);
  w.line('#5 15.200 a line of the step starts the clock again');
  vi.advanceTimersByTime(19_000);
  expect(stops()).toBe(0);
  vi.advanceTimersByTime(1_000);
  expect(stops()).toBe(1);
  const explained = await w.explain({ stopped: true, errorText: 'Canceled: context canceled' });
  expect(explained?.line).toContain('crashed under QEMU emulation on linux/arm64: Segmentation fault');
  expect(explained?.line).toContain('no progress for 20s after the crash, the step was stopped');
});

test('a slow, silent emulated step with no crash line is never stopped', () => {
  const { w, stops } = watch({ platforms: ['linux/arm64'] });
  w.line('#5 [2/2] RUN ["/bin/busybox", "sh", "-c", "sleep 600"]');
  w.line('#5 0.127 start');
  vi.advanceTimersByTime(30 * 60_000);
  expect(stops()).toBe(0);
});

test('a crashed step that then ends, and an attempt that ends, leave no clock running', () => {
  const { w, stops } = watch({ platforms: ['linux/arm64'] });
  const crash = lines('v0.29-qemu-child-crash-two-platforms.txt');
  for (const l of crash.slice(0, crash.findIndex((l) => l.includes('uncaught target signal')) + 1)) w.line(l);
  w.end();
  vi.advanceTimersByTime(60_000);
  expect(stops()).toBe(0);
});

test('another step\'s progress does not keep a crashed step alive', () => {
  const { w, stops } = watch({ graceMs: 20_000 });
  const hung = lines('v0.29-qemu-first-process-crash.txt');
  for (const l of hung.slice(0, hung.findIndex((l) => l.includes('uncaught target signal')) + 1)) w.line(l);
  w.line('#9 [linux/amd64 2/2] RUN make');
  for (let s = 0; s < 15; s++) {
    vi.advanceTimersByTime(1_000);
    w.line(`#9 ${s}.000 compiling`);
  }
  // The other platform's step ends while the crashed one stays silent: the crashed one's clock runs on.
  w.line('#9 DONE 15.2s');
  vi.advanceTimersByTime(10_000);
  expect(stops()).toBe(1);
});
