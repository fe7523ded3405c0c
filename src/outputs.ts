// The step's outputs and job summary, from the build's results.
import { setOutput, summary } from '@actions/core';

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
}

export async function writeSummary(r: Results): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const tags = r.tags.join('<br>') || '(none)';
  const rows = r.platforms.map((p) => [p, code(r.digests[p] ?? ''), tags,
    r.emulated.includes(p) ? 'emulated (QEMU)' : 'native']);
  await summary
    .addHeading('multiarch-build', 3)
    .addTable([
      ['platform', 'digest', 'tags', 'built'].map((data) => ({ data, header: true })),
      ...rows,
    ])
    .addRaw(r.pushed ? `index digest: ${code(r.digest)}` : 'not pushed: digests are not in a registry', true)
    .write();
}

function code(text: string): string {
  return text ? `<code>${text}</code>` : '-';
}
