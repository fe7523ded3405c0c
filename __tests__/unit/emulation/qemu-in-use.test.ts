// Which QEMU a platform runs under, read from binfmt handler files as the kernel shows them, and the
// fix each kind of crash gets.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { qemuFix, qemuInUse } from '../../../src/emulation/qemu-in-use.js';
import { qemuCrashIn } from '../../../src/emulation/qemu-crash.js';

function binfmtDir(handlers: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mab-binfmt-'));
  for (const [name, text] of Object.entries(handlers)) writeFileSync(join(dir, name), text);
  return dir;
}

test('a handler a binfmt image registered: its interpreter is not on the runner, the image is named', async () => {
  const dir = binfmtDir({ 'qemu-aarch64': 'enabled\ninterpreter /usr/bin/qemu-aarch64\nflags: POCF\noffset 0\n' });
  expect(await qemuInUse('linux/arm64', 'tonistiigi/binfmt:qemu-v10.2.3-68', dir)).toStrictEqual({
    platform: 'linux/arm64', interpreter: '/usr/bin/qemu-aarch64', fixBinary: true,
    description: '/usr/bin/qemu-aarch64 (handler qemu-aarch64, flags POCF), registered by a binfmt image such as ' +
      'qemu-image tonistiigi/binfmt:qemu-v10.2.3-68; its version cannot be read from the runner',
  });
});

test('no enabled handler on the runner: a remote node\'s own QEMU', async () => {
  const dir = binfmtDir({ 'qemu-aarch64': 'disabled\ninterpreter /usr/bin/qemu-aarch64\nflags: F\n' });
  expect((await qemuInUse('linux/arm64', 'x', dir)).description)
    .toBe('no enabled QEMU handler for linux/arm64 on the runner (a remote node\'s own QEMU)');
  expect((await qemuInUse('linux/riscv64', 'x', dir)).description).toContain('no enabled QEMU handler');
});

test('the fixes: the fix-binary flag for a loader QEMU cannot open, else another QEMU or a native build', () => {
  const loader = qemuCrashIn("qemu-aarch64: Could not open '/lib/ld-linux-aarch64.so.1': No such file or directory");
  const noF = { platform: 'linux/arm64', description: '', interpreter: '/usr/bin/qemu-aarch64', fixBinary: false };
  expect(qemuFix(['linux/arm64'], [noF], loader)).toMatch(/^the QEMU handler lacks the fix-binary \(F\) flag, so QEMU looks for \/lib\/ld-linux-aarch64\.so\.1 in the image/);
  const segv = qemuCrashIn('qemu: uncaught target signal 11 (Segmentation fault) - core dumped');
  const fix = qemuFix(['linux/arm64'], [{ ...noF, fixBinary: true }], segv);
  expect(fix).toContain('try a known-good QEMU: set `qemu-image` to a pinned release');
  expect(fix).toContain('`docker run --privileged --rm IMAGE --uninstall qemu-aarch64`');
  expect(fix).toContain('build linux/arm64 natively: `mode: plan` with `runners`');
});
