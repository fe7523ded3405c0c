// The QEMU stage: binfmt handlers for the platforms that need emulation, installed with the
// binfmt image, or from the host's qemu-user-static when that image cannot run, then verified.
import { info, warning } from '@actions/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BINFMT_DIR, binfmtMounted, handlerFor, readHandler } from '../host/binfmt.js';
import { hostPlatforms } from '../shared/platform.js';
import { errorMessage, withFix } from '../shared/errors.js';
import { finalError } from '../buildx/final-error.js';
import { cachedImage } from '../runtime/cache-service.js';
import { asRoot } from '../runtime/privileged.js';
import { runCommand } from '../runtime/run-command.js';
import { nativePlatforms, type Inputs, type QemuInputs } from '../shared/inputs-types.js';

/** Where Debian's qemu-user-static (binfmt-support) keeps its handler definitions. */
const HOST_DEFINITIONS = '/usr/share/binfmts';

/**
 * Which platforms need emulation: `qemu-platforms` when given; else, with `auto`, the requested
 * platforms no node builds natively (for a builder named by `builder` other than `default`, whose
 * nodes the action does not know, none), with `true`, those the host cannot run itself.
 */
export function platformsToEmulate(
  qemu: QemuInputs,
  requested: readonly string[],
  native: readonly string[],
  namedBuilder?: string,
  host: readonly string[] = hostPlatforms(),
): string[] {
  if (qemu.mode === 'false') return [];
  if (qemu.platforms) return qemu.platforms;
  if (qemu.mode === 'auto' && namedBuilder && namedBuilder !== 'default') return [];
  const skip = new Set(qemu.mode === 'auto' ? [...native, ...host] : host);
  return requested.filter((p) => !skip.has(p) && handlerFor(p) !== undefined);
}

/** The platforms of this run that need emulation. */
export function emulationFor(inputs: Inputs): string[] {
  return platformsToEmulate(inputs.qemu, inputs.platforms, nativePlatforms(inputs), inputs.builder);
}

const ready = (platform: string, dir: string): boolean => {
  const h = handlerFor(platform);
  return h !== undefined && readHandler(h.handler, dir)?.enabled === true;
};

/** Makes sure every platform has an enabled handler; returns the platforms emulated. */
export async function ensureQemu(
  platforms: readonly string[],
  image: string,
  dir = BINFMT_DIR,
): Promise<string[]> {
  if (platforms.length === 0) return [];
  if (!binfmtMounted(dir)) await asRoot('mount', ['-t', 'binfmt_misc', 'binfmt_misc', dir], { timeoutMs: 10_000 });
  let missing = platforms.filter((p) => !ready(p, dir));
  if (missing.length === 0) {
    info(`QEMU handlers present for ${platforms.join(', ')}`);
    return [...platforms];
  }
  const arches = missing.map((p) => handlerFor(p)?.install).filter(Boolean).join(',');
  info(`installing QEMU handlers for ${missing.join(', ')} with ${image}`);
  const local = await cachedImage(image); // on warm runs: no upstream request
  const res = await runCommand('docker', ['run', '--rm', '--privileged', ...(local ? ['--pull', 'never', local] : [image]),
    '--install', arches], { timeoutMs: 180_000 });
  missing = missing.filter((p) => !ready(p, dir));
  if (missing.length > 0) {
    if (res.exitCode !== 0) warning(`${image} could not run (${finalError(res.stderrTail)}); trying the host's qemu-user-static`);
    for (const p of missing) await enableFromHost(p, dir);
    missing = missing.filter((p) => !ready(p, dir));
  }
  if (missing.length > 0) {
    throw new Error(withFix(`no QEMU handler for ${missing.join(', ')}: ${image} could not install it and the ` +
      'host has no qemu-user-static for it', 'apt-get install qemu-user-static binfmt-support, or give a reachable ' +
      '`qemu-image`'));
  }
  for (const p of platforms) {
    const h = readHandler(handlerFor(p)?.handler ?? '', dir);
    if (h && !h.flags.includes('F')) warning(`the QEMU handler for ${p} lacks the F flag: builds in containers may not find ${h.interpreter}`);
  }
  return [...platforms];
}

/** Debian's handlers carry the fix-binary (F) flag, so they work inside containers too. */
async function enableFromHost(platform: string, dir: string): Promise<void> {
  const h = handlerFor(platform);
  if (!h) return;
  if (readHandler(h.handler, dir)) {
    await asRoot('tee', [join(dir, h.handler)], { input: '1' }); // registered but disabled
    return;
  }
  if (!existsSync(join(HOST_DEFINITIONS, h.handler))) return;
  try {
    const res = await asRoot('update-binfmts', ['--enable', h.handler], { timeoutMs: 30_000 });
    if (res.exitCode !== 0) warning(`update-binfmts --enable ${h.handler}: ${finalError(res.stderrTail)}`);
  } catch (error) {
    warning(`update-binfmts --enable ${h.handler}: ${errorMessage(error)}`);
  }
}
