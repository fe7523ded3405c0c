// Which QEMU runs a platform's steps, as the runner's kernel has it registered: the binfmt
// handler's interpreter and, when that file is on the runner (Debian's and Ubuntu's
// qemu-user-static), its version; a binfmt image registers an interpreter from inside its own
// container (the fix-binary flag keeps it open), so only the path is known then.
import { realpathSync } from 'node:fs';
import { BINFMT_DIR, handlerFor, readHandler } from '../host/binfmt.js';
import { runCommand } from '../runtime/run-command.js';
import type { QemuCrash } from './qemu-crash.js';

export interface QemuInUse {
  platform: string;
  /** For the error line: version and where it comes from. */
  description: string;
  /** The handler's interpreter, when one is registered. */
  interpreter?: string;
  /** The handler has the fix-binary (F) flag. */
  fixBinary?: boolean;
}

export async function qemuInUse(platform: string, qemuImage: string, dir = BINFMT_DIR): Promise<QemuInUse> {
  const name = handlerFor(platform)?.handler;
  const handler = name ? readHandler(name, dir) : undefined;
  if (!name || !handler?.enabled) {
    return { platform, description: `no enabled QEMU handler for ${platform} on the runner (a remote node's own QEMU)` };
  }
  const { interpreter, flags } = handler;
  const known = { platform, interpreter, fixBinary: flags.includes('F') };
  let file: string;
  try {
    file = realpathSync(interpreter);
  } catch {
    return { ...known, description: `${interpreter} (handler ${name}, flags ${flags || 'none'}), registered by a binfmt ` +
      `image such as qemu-image ${qemuImage}; its version cannot be read from the runner` };
  }
  const res = await runCommand(file, ['--version'], { timeoutMs: 5_000 }).catch(() => undefined);
  const version = res?.exitCode === 0 ? res.stdout.split('\n')[0]?.trim() : undefined;
  return { ...known, description: `${version || 'QEMU of unknown version'} (${file}, handler ${name}, ` +
    `flags ${flags || 'none'}, from the runner's qemu-user-static)` };
}

/** What helps: the fix-binary flag for a loader QEMU cannot open; else another QEMU, or no QEMU. */
export function qemuFix(platforms: readonly string[], qemu: readonly QemuInUse[], crash?: QemuCrash): string {
  const list = platforms.join(', ');
  const native = `build ${list} natively: \`mode: plan\` with \`runners\` (a leg on a runner of that ` +
    'architecture), or a native node in `nodes`';
  if (crash?.loader && qemu.some((q) => q.fixBinary === false)) {
    return `the QEMU handler lacks the fix-binary (F) flag, so QEMU looks for ${crash.loader} in the image: ` +
      're-register it with F (`qemu-image` installs handlers with it), or ' + native;
  }
  const names = qemu.map((q) => handlerFor(q.platform)?.handler).filter(Boolean).join(' ');
  return 'try a known-good QEMU: set `qemu-image` to a pinned release (the default is one); a handler already ' +
    `registered on the runner is used as it is, so remove it first (\`docker run --privileged --rm IMAGE ` +
    `--uninstall ${names || 'qemu-*'}\`); or ${native}`;
}
