// Platforms as buildx names them: os/arch[/variant].

const OSES = new Set(['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'illumos',
  'solaris', 'aix', 'android', 'ios', 'plan9', 'dragonfly', 'js', 'wasip1']);
const VARIANTS: Record<string, ReadonlySet<string>> = {
  amd64: new Set(['v1', 'v2', 'v3', 'v4']),
  arm64: new Set(['v8', 'v8.0', 'v8.1', 'v8.2', 'v8.3', 'v8.4', 'v8.5', 'v8.6', 'v8.7', 'v8.8',
    'v8.9', 'v9', 'v9.0', 'v9.1', 'v9.2', 'v9.3', 'v9.4', 'v9.5']),
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

/** What is wrong with a platform (completing "PLATFORM ..."), or undefined for a known one. */
export function platformProblem(text: string): string | undefined {
  const parts = text.split('/');
  const [os, architecture, variant] = parts;
  if (parts.length < 2 || parts.length > 3 || !os || !architecture) {
    return 'is not a platform of the form os/arch[/variant], e.g. linux/arm64';
  }
  if (!OSES.has(os)) return `has an unknown os "${os}"`;
  const variants = VARIANTS[architecture];
  if (!variants) return `has an unknown architecture "${architecture}"`;
  if (variant !== undefined && !isDefaultVariant(architecture, variant) && !variants.has(variant)) {
    return `has an unknown variant "${variant}" for ${architecture}`;
  }
  return undefined;
}

// containerd's normalization, which BuildKit applies to what it pushes: arm64/v8 and amd64/v1
// are the plain architecture.
const isDefaultVariant = (architecture: string, variant: string): boolean =>
  (architecture === 'arm64' && variant === 'v8') || (architecture === 'amd64' && variant === 'v1');

/** Parses a platform, normalized; throws naming it when it is not a known one. */
export function parsePlatform(text: string): Platform {
  const problem = platformProblem(text);
  if (problem !== undefined) throw new Error(`${text} ${problem}`);
  const [os = '', architecture = '', variant] = text.split('/');
  return variant === undefined || isDefaultVariant(architecture, variant) ? { os, architecture }
    : { os, architecture, variant };
}

/** The normalized text of a known platform. */
export function normalizePlatform(text: string): string {
  return formatPlatform(parsePlatform(text));
}

export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
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
