// The kernel's binfmt_misc handlers for QEMU: names per platform, and their state as
// /proc/sys/fs/binfmt_misc shows it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostPlatforms, normalizePlatform, parsePlatform, platformProblem } from '../shared/platform.js';

export const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';

/** Architecture -> [kernel handler name, tonistiigi/binfmt --install name]. */
const ARCHES: Record<string, [string, string]> = {
  arm64: ['qemu-aarch64', 'arm64'],
  arm: ['qemu-arm', 'arm'],
  amd64: ['qemu-x86_64', 'amd64'],
  '386': ['qemu-i386', '386'],
  riscv64: ['qemu-riscv64', 'riscv64'],
  ppc64le: ['qemu-ppc64le', 'ppc64le'],
  s390x: ['qemu-s390x', 's390x'],
  mips64le: ['qemu-mips64el', 'mips64le'],
  mips64: ['qemu-mips64', 'mips64'],
  loong64: ['qemu-loongarch64', 'loong64'],
};

export interface Handler {
  enabled: boolean;
  interpreter: string;
  flags: string;
}

/** Undefined for platforms binfmt cannot serve (another os, or an arch QEMU user mode lacks). */
export function handlerFor(platform: string): { handler: string; install: string } | undefined {
  if (platformProblem(platform) !== undefined) return undefined;
  const { os, architecture } = parsePlatform(platform);
  const entry = os === 'linux' ? ARCHES[architecture] : undefined;
  return entry ? { handler: entry[0], install: entry[1] } : undefined;
}

/** Every platform a QEMU handler can serve on this machine: `qemu-platforms: all`. */
export function emulatablePlatforms(hostArch: string = process.arch): string[] {
  const own = new Set(hostPlatforms(hostArch));
  return Object.keys(ARCHES).map((arch) => normalizePlatform(`linux/${arch}`)).filter((p) => !own.has(p));
}

/** Parses a handler file (`enabled`, `interpreter …`, `flags: …`). */
export function parseHandler(text: string): Handler {
  const lines = text.split('\n');
  return {
    enabled: lines[0]?.trim() === 'enabled',
    interpreter: /^interpreter (.*)$/m.exec(text)?.[1]?.trim() ?? '',
    flags: /^flags: ?(.*)$/m.exec(text)?.[1]?.trim() ?? '',
  };
}

export function readHandler(name: string, dir = BINFMT_DIR): Handler | undefined {
  const file = join(dir, name);
  if (!existsSync(file)) return undefined;
  try {
    return parseHandler(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function binfmtMounted(dir = BINFMT_DIR): boolean {
  return existsSync(join(dir, 'status'));
}
