// QEMU's crash lines as RUN steps print them: captured on the bed (qemu-aarch64 7.2, an arm64 RUN
// whose child dies of SIGSEGV or SIGILL) and from users' reports (the loader line without the
// fix-binary flag, docker/buildx#1222 and others).
import { expect, test } from 'vitest';
import { fixture } from '../../fixture.js';
import { qemuCrashIn } from '../../../src/emulation/qemu-crash.js';

const lineOf = (file: string, pattern: RegExp): string =>
  fixture(`progress/${file}`).split('\n').find((l) => pattern.test(l))?.replace(/^#\d+ [\d.]+ /, '') ?? '';

test('a segfault: intermittent, its signal named', () => {
  const line = lineOf('v0.29-qemu-child-crash-two-platforms.txt', /uncaught target signal/);
  expect(qemuCrashIn(line)).toStrictEqual({ line: 'qemu: uncaught target signal 11 (Segmentation fault) - core dumped',
    signal: 11, what: 'Segmentation fault', intermittent: true });
});

test('an illegal instruction: deterministic', () => {
  const line = lineOf('v0.29-qemu-sigill-arm64.txt', /uncaught target signal/);
  expect(qemuCrashIn(line)).toStrictEqual({ line: 'qemu: uncaught target signal 4 (Illegal instruction) - core dumped',
    signal: 4, what: 'Illegal instruction', intermittent: false });
});

test.each([
  ["qemu-aarch64: Could not open '/lib/ld-linux-aarch64.so.1': No such file or directory", '/lib/ld-linux-aarch64.so.1'],
  ["qemu-x86_64-static: Could not open '/lib64/ld-linux-x86-64.so.2': No such file or directory",
    '/lib64/ld-linux-x86-64.so.2'],
  ["qemu-arm: Could not open '/lib/ld-linux.so.3': No such file or directory", '/lib/ld-linux.so.3'],
])('a loader QEMU cannot open: %s', (line, loader) => {
  expect(qemuCrashIn(line)).toMatchObject({ loader, intermittent: false });
});

test.each([
  'qemu: unhandled CPU exception 0x8 - aborting',
  'qemu: fatal: unhandled CPU exception 0x10',
])('%s: deterministic', (line) => {
  expect(qemuCrashIn(line)).toMatchObject({ what: 'an unhandled CPU exception', intermittent: false });
});

test.each([
  'Segmentation fault',
  'start',
  'make: *** [Makefile:57: bin/x] Error 139',
  'echo qemu: nothing crashed here',
  'Could not open file',
])('not a QEMU crash: %s', (line) => {
  expect(qemuCrashIn(line)).toBeUndefined();
});
