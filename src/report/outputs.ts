// The step's outputs and job summary, from the build's results.
import { setOutput, summary } from '@actions/core';
import type { Attempt } from '../build/run-build.js';

export interface Results {
  digest: string;
  digests: Record<string, string>;
  imageid: string;
  metadata: string;
  platforms: string[];
  tags: string[];
  /** Whether digests were read back from the registry. */
  pushed: boolean;
  builder: string;
  /** The `nodes` output, JSON. */
  nodes: string;
  /** Platforms built under QEMU emulation. */
  emulated: string[];
  attempts: Attempt[];
  /** Compressed size per platform, when read from the registry. */
  sizes: Record<string, number>;
  /** The node that built each platform. */
  nodeFor: Record<string, string>;
}

export function setOutputs(r: Results): void {
  setOutput('digest', r.digest);
  setOutput('digests', JSON.stringify(r.digests));
  setOutput('imageid', r.imageid);
  setOutput('metadata', r.metadata);
  setOutput('platforms', r.platforms.join(','));
  setOutput('builder', r.builder);
  setOutput('nodes', r.nodes);
  setOutput('qemu-platforms', r.emulated.join(','));
  setOutput('attempts', String(r.attempts.length));
}

export async function writeSummary(r: Results): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const tags = r.tags.join('<br>') || '(none)';
  const rows = r.platforms.map((p) => [p, code(r.digests[p] ?? ''), formatSize(r.sizes[p]), r.nodeFor[p] ?? '-',
    r.emulated.includes(p) ? 'emulated (QEMU)' : 'native', String(r.attempts.length || '-'), tags]);
  await summary
    .addHeading('multiarch-build', 3)
    .addTable([
      ['platform', 'digest', 'compressed size', 'node', 'built', 'attempts', 'tags']
        .map((data) => ({ data, header: true })),
      ...rows,
    ])
    .addRaw(r.pushed ? `index digest: ${code(r.digest)}` : 'not pushed: digests are not in a registry', true);
  addAttempts(r.attempts);
  await summary.write();
}

/** The build attempts: number, duration and error line; also written when the build failed. */
export function addAttempts(attempts: readonly Attempt[]): typeof summary {
  if (attempts.length === 0) return summary;
  return summary.addHeading('build attempts', 4).addTable([
    ['attempt', 'seconds', 'result'].map((data) => ({ data, header: true })),
    ...attempts.map((a, i) => [String(i + 1), a.seconds.toFixed(1), a.error ? escapeHtml(a.error) : 'passed']),
  ]);
}

/** After a failed build: the `attempts` output and the attempts in the summary. */
export async function reportFailedAttempts(attempts: readonly Attempt[]): Promise<void> {
  setOutput('attempts', String(attempts.length));
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  summary.addHeading('multiarch-build failed', 3);
  addAttempts(attempts);
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
