// The step's outputs and job summary, from the build's results.
import { notice, setOutput, summary } from '@actions/core';
import { emulationDominates, emulationNotice, emulationTax, type EmulationTax } from '../buildx/step-timings.js';
import type { Attempt } from '../buildx/run-retried.js';
import type { SignedImage } from '../cosign/signed.js';
import { SHOWN_PER_STEP, type LeftBehind } from '../shared/left-behind.js';
import { matrixOf, type Leg } from '../shared/legs.js';

/** The output names, as action.yml declares them. */
export const OUTPUT_NAMES = ['digest', 'digests', 'imageid', 'metadata', 'platforms', 'builder', 'nodes',
  'qemu-platforms', 'attempts', 'build-record', 'signatures', 'signed', 'verify-commands', 'matrix', 'targets'] as const;
type OutputName = (typeof OUTPUT_NAMES)[number];

interface ImageResults {
  digest: string;
  digests: Record<string, string>;
  platforms: string[];
  tags: string[];
  /** What was signed, when the step signs. */
  signed?: SignedImage;
}

/** A build (one job, or a matrix leg). */
export interface BuildResults extends ImageResults {
  mode: 'build';
  imageid: string;
  metadata: string;
  /** Whether digests were read back from the registry. */
  pushed: boolean;
  builder: string;
  /** The `nodes` output, JSON. */
  nodes: string;
  /** Platforms built under QEMU emulation. */
  emulated: string[];
  attempts: Attempt[];
  /** Compressed size per platform, when read from the registry (after the outputs are written). */
  sizes: Promise<Record<string, number>>;
  /** The node that built each platform. */
  nodeFor: Record<string, string>;
  left: LeftBehind;
}

/** `mode: merge`: one index assembled from the legs, read back. */
export interface MergeResults extends ImageResults {
  mode: 'merge';
  left: LeftBehind;
}

/** `mode: plan`: the legs of a fan-out, nothing built. */
export interface PlanResults extends ImageResults {
  mode: 'plan';
  legs: Leg[];
}

/** One target of a bake: its index digest, per-platform digests and tags, read back. */
export interface TargetResult {
  digest: string;
  digests: Record<string, string>;
  tags: string[];
  platforms: string[];
  signed?: SignedImage;
}

/** A bake: every target of the definition, in one step. */
export interface BakeResults {
  mode: 'bake';
  targets: Record<string, TargetResult>;
  /** Every platform some target built. */
  platforms: string[];
  builder: string;
  nodes: string;
  nodeFor: Record<string, string>;
  emulated: string[];
  attempts: Attempt[];
  pushed: boolean;
  left: LeftBehind;
}

export type Results = BuildResults | MergeResults | PlanResults | BakeResults;

/** A bake's outputs: `targets`, and `digest`/`digests` of its one target when it built one. */
function bakeOutputValues(r: BakeResults): Record<OutputName, string> {
  const all = Object.values(r.targets);
  const one = all.length === 1 ? all[0] : undefined;
  const signed = all.flatMap((t) => (t.signed ? [t.signed] : []));
  return {
    digest: one?.digest ?? '',
    digests: JSON.stringify(one?.digests ?? {}),
    imageid: one?.digest ?? '',
    metadata: '{}',
    platforms: r.platforms.join(','),
    builder: r.builder,
    nodes: r.nodes,
    'qemu-platforms': r.emulated.join(','),
    attempts: String(r.attempts.length),
    'build-record': r.left.record?.path ?? '',
    signatures: JSON.stringify(Object.fromEntries(signed.flatMap((s) => Object.entries(s.signatures)))),
    signed: String(all.length > 0 && signed.length === all.length),
    'verify-commands': signed.flatMap((s) => s.verifyCommands).join('\n'),
    matrix: '',
    targets: JSON.stringify(Object.fromEntries(Object.entries(r.targets).map(([name, t]) =>
      [name, { digest: t.digest, digests: t.digests, tags: t.tags }]))),
  };
}

export function outputValues(r: Results): Record<OutputName, string> {
  if (r.mode === 'bake') return bakeOutputValues(r);
  const build = r.mode === 'build' ? r : undefined;
  return {
    digest: r.digest,
    digests: JSON.stringify(r.digests),
    imageid: build ? build.imageid : r.digest,
    metadata: build ? build.metadata : '{}',
    platforms: r.platforms.join(','),
    builder: build?.builder ?? '',
    nodes: build?.nodes ?? '[]',
    'qemu-platforms': (build?.emulated ?? []).join(','),
    attempts: String(build?.attempts.length ?? 0),
    'build-record': build?.left.record?.path ?? '',
    signatures: JSON.stringify(r.signed?.signatures ?? {}),
    signed: String(r.signed !== undefined),
    'verify-commands': (r.signed?.verifyCommands ?? []).join('\n'),
    matrix: r.mode === 'plan' ? matrixOf(r.legs) : '',
    targets: '{}',
  };
}

export function setOutputs(r: Results): void {
  for (const [name, value] of Object.entries(outputValues(r))) setOutput(name, value);
}

export async function writeSummary(r: Results): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  if (r.mode === 'bake') {
    await writeBakeSummary(r);
    return;
  }
  if (r.mode === 'plan') {
    await summary.addHeading('multiarch-build: the fan-out', 3).addTable([
      ['platform', 'runner', 'built', 'why'].map((data) => ({ data, header: true })),
      ...r.legs.map((l) => [l.platform, code([l.runner].flat().join(', ')), l.emulated ? 'emulated (QEMU)' : 'native',
        l.why === 'default' ? 'no runner of its own: the default runner' : `runners: ${l.why}`]),
    ]).write();
    return;
  }
  const tags = r.tags.join('<br>') || '(none)';
  const b = r.mode === 'build' ? r : undefined;
  const sizes = b ? await b.sizes : {};
  const rows = r.platforms.map((p) => [p, code(r.digests[p] ?? ''), formatSize(sizes[p]), b?.nodeFor[p] ?? '-',
    b ? (b.emulated.includes(p) ? 'emulated (QEMU)' : 'native') : 'merged', String(b?.attempts.length || '-'), tags]);
  await summary
    .addHeading('multiarch-build', 3)
    .addTable([
      ['platform', 'digest', 'compressed size', 'node', 'built', 'attempts', 'tags']
        .map((data) => ({ data, header: true })),
      ...rows,
    ])
    .addRaw(!b || b.pushed ? `index digest: ${code(r.digest)}` : 'not pushed: digests are not in a registry', true);
  if (r.signed) addSignatures(r.signed);
  if (b) addAttempts(b.attempts);
  if (b) addEmulationTax(b);
  addLeftBehind(r.left);
  await summary.write();
}

/** A section per target: its platforms, digests and tags; then the attempts and what was left. */
async function writeBakeSummary(r: BakeResults): Promise<void> {
  summary.addHeading('multiarch-build: bake', 3);
  for (const [name, t] of Object.entries(r.targets)) {
    summary.addHeading(`target ${escapeHtml(name)}`, 4).addTable([
      ['platform', 'digest', 'node', 'built'].map((data) => ({ data, header: true })),
      ...t.platforms.map((p) => [p, code(t.digests[p] ?? ''), r.nodeFor[p] ?? '-',
        r.emulated.includes(p) ? 'emulated (QEMU)' : 'native']),
    ]).addRaw(`${r.pushed && t.digest ? `index digest: ${code(t.digest)}; ` : 'not pushed; '}` +
      `tags: ${t.tags.map((tag) => code(escapeHtml(tag))).join(', ') || '(none)'}`, true);
    if (t.signed) addSignatures(t.signed);
  }
  addAttempts(r.attempts);
  addLeftBehind(r.left);
  await summary.write();
}

/** The cache, the checks' count and where the build record is. */
function addLeftBehind({ cache, checks, record }: LeftBehind): void {
  if (cache) {
    summary.addRaw(cache.kind === 'none' ? `build cache: none (${escapeHtml(cache.why)})`
      : `build cache: ${cache.kind}${cache.name ? ` ${code(escapeHtml(cache.name))}` : ''}: ` +
        `${escapeHtml(cache.read)}; ${escapeHtml(cache.wrote)}`, true);
  }
  if (checks) {
    const how = checks.annotated ? 'annotated on the Dockerfile' : checks.annotatedBy
      ? `annotated once for the run by ${checks.annotatedBy}` : 'not annotated (DOCKER_BUILD_CHECKS_ANNOTATIONS=false)';
    const capped = checks.annotated && checks.count > SHOWN_PER_STEP
      ? `; GitHub shows ${SHOWN_PER_STEP} annotations per step, the log has all` : '';
    summary.addRaw(`Dockerfile checks: ${checks.count} warning(s), ${how}${capped}`, true);
  }
  if (!record) return;
  const name = escapeHtml(record.path.split('/').at(-1) ?? record.path);
  const where = record.artifact
    ? `<a href="${escapeHtml(record.artifact.url).replace(/"/g, '&quot;')}">${name}</a>`
    : `${code(escapeHtml(record.path))} on the runner (not uploaded: ${escapeHtml(record.notUploaded ?? '')})`;
  summary.addRaw(`build record: ${where}, ${formatSize(record.bytes)}, ${record.builds} build(s); ` +
    "open it in Docker Desktop's Builds view (Import build)", true);
}

/** The emulation tax of the attempt that passed (the last one). */
const taxOf = (b: BuildResults): EmulationTax => emulationTax(b.attempts.at(-1)?.steps ?? [], b.emulated);

/** Where the build's time went per platform, native against emulated. */
function addEmulationTax(b: BuildResults): void {
  const tax = taxOf(b);
  if (Object.keys(tax.slowest).length === 0) return; // no step timings: nothing to show
  const kind = (p: string): string => (b.emulated.includes(p) ? 'emulated' : 'native');
  const rows = Object.entries(tax.slowest).flatMap(([p, slow]) => slow.map((s) => {
    const pair = tax.pairs.find((x) => x.emulated === s || x.native === s);
    return [p, code(escapeHtml(s.name)), s.seconds.toFixed(1), kind(p), pair ? `${pair.ratio.toFixed(1)}x` : '-'];
  }));
  summary.addHeading('slowest steps', 4).addTable([
    ['platform', 'step', 'seconds', 'ran', 'emulated/native'].map((data) => ({ data, header: true })), ...rows,
  ]);
  for (const pair of tax.pairs.slice(0, 3)) {
    summary.addRaw(`${escapeHtml(pair.name)}: ${pair.emulated.platform} ${pair.emulated.seconds.toFixed(1)} s emulated, ` +
      `${pair.native.platform} ${pair.native.seconds.toFixed(1)} s native, ${pair.ratio.toFixed(1)}x`, true);
  }
}

/** Each signed digest, where its signature is, and the command that verifies it. */
function addSignatures(signed: SignedImage): void {
  summary.addHeading('signatures', 4).addTable([
    ['signed', 'signature'].map((data) => ({ data, header: true })),
    ...Object.entries(signed.signatures).map(([ref, sig]) => [code(ref), code(escapeHtml(sig))]),
  ]).addCodeBlock(signed.verifyCommands.join('\n'), 'sh');
}

/** A notice annotation when emulated steps dominate the build, with the ways out. */
export function noticeEmulationTax(r: Results): void {
  if (r.mode !== 'build') return;
  const tax = taxOf(r);
  if (emulationDominates(tax)) notice(emulationNotice(tax, r.emulated), { title: 'the emulation tax' });
}

/** The build attempts: number, duration and error line; also written when the build failed. */
export function addAttempts(attempts: readonly Attempt[]): typeof summary {
  if (attempts.length === 0) return summary;
  return summary.addHeading('build attempts', 4).addTable([
    ['attempt', 'seconds', 'result'].map((data) => ({ data, header: true })),
    ...attempts.map((a, i) => [String(i + 1), a.seconds.toFixed(1), a.error ? escapeHtml(a.error) : 'passed']),
  ]);
}

/** After a failed build: the `attempts` output, the attempts and the build record in the summary. */
export async function reportFailedAttempts(attempts: readonly Attempt[],
  left: LeftBehind = {}): Promise<void> {
  setOutput('attempts', String(attempts.length));
  if (left.record) setOutput('build-record', left.record.path);
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  summary.addHeading('multiarch-build failed', 3);
  addAttempts(attempts);
  addLeftBehind(left);
  await summary.write();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return '-';
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function code(text: string): string {
  return text ? `<code>${text}</code>` : '-';
}
