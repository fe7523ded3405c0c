// Platforms, one reader and one formatter for every source that names one: the inputs, `buildx
// inspect`, buildx's progress output and the registry. The grammar and the normalization are
// containerd's (github.com/containerd/platforms v1.0.0-rc.1, `Parse` then `Normalize`, what buildx
// applies before it sends a platform to BuildKit): case-insensitive, `x86_64`/`aarch64`/`i386`/
// `armhf`/`armel` aliases, `arm64/v8` and `amd64/v1` as the plain architecture, `arm` as `arm/v7`;
// one part names an os (the runner's architecture) or an architecture (linux); buildx's `local`
// is the runner's own platform. Beyond containerd, an os, architecture or variant no Go toolchain
// knows is refused: no node can build `linux/amd65`, so a typo fails before any build.

const OSES = new Set(['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'illumos',
  'solaris', 'aix', 'android', 'ios', 'plan9', 'dragonfly', 'js', 'wasip1', 'hurd', 'zos']);
const VARIANTS: Record<string, ReadonlySet<string>> = {
  amd64: new Set(['v2', 'v3', 'v4']),
  arm64: new Set(['v8.1', 'v8.2', 'v8.3', 'v8.4', 'v8.5', 'v8.6', 'v8.7', 'v8.8', 'v8.9', 'v9',
    'v9.1', 'v9.2', 'v9.3', 'v9.4', 'v9.5']),
  arm: new Set(['v5', 'v6', 'v7', 'v8']),
  '386': new Set([]),
  ppc64le: new Set(['power8', 'power9', 'power10']),
  ppc64: new Set([]),
  s390x: new Set([]),
  riscv64: new Set(['rva20u64', 'rva22u64', 'rva23u64']),
  mips64le: new Set([]),
  mips64: new Set([]),
  mipsle: new Set([]),
  mips: new Set([]),
  loong64: new Set([]),
  wasm: new Set([]),
};

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** containerd's normalizeOS. */
const normalizeOs = (os: string): string => (os.toLowerCase() === 'macos' ? 'darwin' : os.toLowerCase());

/** containerd's normalizeArch: aliases, and the default variant of each architecture. */
function normalizeArch(arch: string, variant: string): [string, string] {
  const [a, v] = [arch.toLowerCase(), variant.toLowerCase()];
  switch (a) {
    case 'i386':
      return ['386', ''];
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return ['amd64', v === 'v1' ? '' : v];
    case 'aarch64':
    case 'arm64':
      return ['arm64', ['8', 'v8', 'v8.0'].includes(v) ? '' : ['9', '9.0', 'v9.0'].includes(v) ? 'v9' : v];
    case 'armhf':
      return ['arm', 'v7'];
    case 'armel':
      return ['arm', 'v6'];
    case 'arm':
      return ['arm', v === '' || v === '7' ? 'v7' : ['5', '6', '8'].includes(v) ? `v${v}` : v];
    default:
      return [a, v];
  }
}

/** Node's name of a processor (process.arch) -> the platforms it runs without emulation. */
const HOST_PLATFORMS: Record<string, string[]> = {
  x64: ['linux/amd64', 'linux/386'],
  arm64: ['linux/arm64'],
  arm: ['linux/arm/v7', 'linux/arm/v6'],
  ppc64: ['linux/ppc64le'],
  s390x: ['linux/s390x'],
  riscv64: ['linux/riscv64'],
};

/** Platforms this machine runs without emulation, its own first. */
export function hostPlatforms(arch: string = process.arch): string[] {
  return HOST_PLATFORMS[arch] ?? [];
}

const COMPONENT = /^[A-Za-z0-9_.-]+$/;
const FORM = 'is not a platform of the form os/arch[/variant], e.g. linux/arm64';

type Read = { platform: Platform; problem?: undefined } | { platform?: undefined; problem: string };

function read(text: string, hostArch: string): Read {
  if (text.toLowerCase() === 'local') {
    const own = hostPlatforms(hostArch)[0];
    return own ? read(own, hostArch) : { problem: `names the runner's platform, and its processor ${hostArch} is not known` };
  }
  const parts = text.split('/');
  if (parts.length > 3 || parts.some((p) => !COMPONENT.test(p))) return { problem: FORM };
  let [os = '', arch = '', variant = ''] = parts;
  if (parts.length === 1) {
    const own = hostPlatforms(hostArch)[0]?.split('/') ?? [];
    if (OSES.has(normalizeOs(os))) [arch, variant] = [own[1] ?? '', own[2] ?? ''];
    else [os, arch] = ['linux', os];
  }
  os = normalizeOs(os);
  [arch, variant] = normalizeArch(arch, variant);
  if (!OSES.has(os)) return { problem: parts.length === 1 ? FORM : `has an unknown os "${os}"` };
  const variants = VARIANTS[arch];
  if (!variants) return { problem: arch === '' ? FORM : `has an unknown architecture "${arch}"` };
  if (variant !== '' && !variants.has(variant)) return { problem: `has an unknown variant "${variant}" for ${arch}` };
  return { platform: variant === '' ? { os, architecture: arch } : { os, architecture: arch, variant } };
}

/** What is wrong with a platform (completing "PLATFORM ..."), or undefined for a known one. */
export function platformProblem(text: string, hostArch: string = process.arch): string | undefined {
  return read(text, hostArch).problem;
}

/** Parses a platform, normalized; throws naming it when it is not a known one. */
export function parsePlatform(text: string, hostArch: string = process.arch): Platform {
  const r = read(text, hostArch);
  if (r.problem !== undefined) throw new Error(`${text} ${r.problem}`);
  return r.platform;
}

/** The normalized text of a known platform. */
export function normalizePlatform(text: string, hostArch: string = process.arch): string {
  return formatPlatform(parsePlatform(text, hostArch));
}

/** The one text of a platform: `os/arch[/variant]`, normalized (a manifest's `arm64`+`v8` too). */
export function formatPlatform(p: Platform): string {
  const os = normalizeOs(p.os);
  const [arch, variant] = normalizeArch(p.architecture, p.variant ?? '');
  return variant ? `${os}/${arch}/${variant}` : `${os}/${arch}`;
}

/**
 * A platform a tool printed (`buildx inspect`, buildx's progress), normalized as the inputs are;
 * one no Go toolchain knows is kept as printed, lowercase.
 */
export function seenPlatform(text: string): string {
  const r = read(text, process.arch);
  return r.platform ? formatPlatform(r.platform) : text.toLowerCase();
}

/** A platform in a list that cannot be read: the item as written and what is wrong with it. */
export class PlatformListError extends Error {
  constructor(readonly item: string, readonly problem: string) {
    super(`${item} ${problem}`);
    this.name = 'PlatformListError';
  }
}

/**
 * The one reader of a platform list (`platforms`, `qemu-platforms`, a node's `platforms`): items
 * as the list reader split them, where one (a quoted field) may still hold several separated by
 * commas, as buildx splits them; each parsed and normalized once; none twice.
 */
export function readPlatformList(items: readonly string[], hostArch: string = process.arch): string[] {
  const out: string[] = [];
  for (const item of items.flatMap((i) => i.split(',')).map((i) => i.trim()).filter(Boolean)) {
    const r = read(item, hostArch);
    if (r.problem !== undefined) throw new PlatformListError(item, r.problem);
    const text = formatPlatform(r.platform);
    if (out.includes(text)) throw new PlatformListError(item, `lists ${text} twice`);
    out.push(text);
  }
  return out;
}
