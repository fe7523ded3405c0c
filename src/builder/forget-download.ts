// A corrupted download can outlive its attempt: BuildKit's content store keeps the fetched bytes
// under the blob's ingest ref (`layer-sha256:X`), finds them complete on the next pull and commits
// them again without downloading (seen on the bed with BuildKit 0.13: the third attempt made no
// request and failed with the same digest). On the nodes the action started itself (docker-container
// nodes, one container each), that one ingest is removed before the next attempt, so it downloads
// again. Other nodes are not the action's to touch.
import { info, warning } from '@actions/core';
import type { BuilderReady, NodeStatus } from '../buildx/inspect.js';
import type { Driver } from '../shared/inputs-types.js';
import { runCommand } from '../runtime/run-command.js';
import { finalError } from '../buildx/final-error.js';

const dockerAt = (endpoint: string): string[] => (endpoint.includes('://') ? ['--host', endpoint] : []);

/** The docker CLI's argv that lists a node's ingests as `DIR/ref:NAMESPACE/N/REF` lines. */
export function listIngestsArgv(endpoint: string, node: string): string[] {
  return [...dockerAt(endpoint), 'exec', `buildx_buildkit_${node}`, 'find', '/var/lib/buildkit', '-path',
    '*/content/ingest/*/ref', '-exec', 'grep', '-H', '', '{}', '+'];
}

/** The ingest folders whose ref (the store prefixes its namespace and a number) is `ref`. */
export function ingestsOf(listing: string, ref: string): string[] {
  return listing.split('\n').flatMap((line) => {
    const m = /^(\/\S+\/content\/ingest\/[0-9a-f]+)\/ref:(.*)$/.exec(line.trim());
    return m && (m[2] === ref || m[2]?.endsWith(`/${ref}`)) ? [m[1] ?? ''] : [];
  });
}

async function forgetOn(node: NodeStatus, ref: string): Promise<void> {
  const listed = await runCommand('docker', listIngestsArgv(node.endpoint, node.name), { timeoutMs: 15_000 });
  const dirs = listed.exitCode === 0 ? ingestsOf(listed.stdout, ref) : [];
  if (dirs.length === 0) return;
  const res = await runCommand('docker', [...dockerAt(node.endpoint), 'exec', `buildx_buildkit_${node.name}`,
    'rm', '-rf', '--', ...dirs], { timeoutMs: 15_000 });
  if (res.exitCode === 0) info(`node ${node.name}: the corrupted ${ref} is forgotten, the next attempt downloads it`);
  else warning(`node ${node.name}: could not remove the corrupted ${ref}: ${finalError(res.stderrTail)}`);
}

/** What the build's retries call after a corrupted download of `ref` (`layer-sha256:...`). */
export function forgetDownloads(builder: BuilderReady, driver: Driver): (ref: string) => Promise<void> {
  return async (ref) => {
    if (!builder.created || driver !== 'docker-container') return;
    await Promise.all(builder.nodes.map((n) => forgetOn(n, ref)));
  };
}
