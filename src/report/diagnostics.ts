// On a final failure: one log group with what a person needs to see why (versions, the builder's
// nodes, the binfmt handlers, the build's last lines). Runs only after a failure.
import { endGroup, info, startGroup } from '@actions/core';
import { readdirSync } from 'node:fs';
import { BINFMT_DIR, readHandler } from '../host/binfmt.js';
import { runBuildx, type Buildx } from '../buildx/command.js';
import { engineInfo, engineSocket } from '../host/engine-api.js';
import { describeNode, parseInspect, type NodeStatus } from '../buildx/inspect.js';
import { buildxVersion } from '../buildx/version.js';
import { errorMessage } from '../shared/errors.js';
import { finalError } from '../buildx/final-error.js';

/**
 * `known`: the nodes as the boot just read them, when it failed; else they are asked again, since
 * a node may have died during the build. Every probe is bounded to a few seconds: a half-dead node
 * must not make the failure slower than it already was.
 */
export async function logDiagnostics(
  buildx: Buildx,
  builder: string | undefined,
  buildTail: readonly string[],
  known?: readonly NodeStatus[],
): Promise<void> {
  startGroup('Diagnostics');
  const socket = engineSocket();
  const describe = (nodes: readonly NodeStatus[]): string => nodes.map(describeNode).join('\n');
  try {
    const [version, nodes, engine] = await Promise.all([
      buildxVersion(buildx).catch(errorMessage),
      known ? Promise.resolve(describe(known))
        : builder ? runBuildx(buildx, ['inspect', builder], { timeoutMs: 5_000 })
          .then((r) => describe(parseInspect(r.stdout).nodes) || finalError(r.stderrTail), errorMessage)
          : Promise.resolve('(buildx\'s current builder)'),
      socket ? engineInfo(socket).then((e) => `engine ${e.version}`, errorMessage)
        : Promise.resolve('engine: not a unix socket'),
    ]);
    info(`buildx: ${version}`);
    info(engine);
    info(`builder ${builder ?? ''}:\n${nodes}`);
    info(`binfmt handlers: ${binfmtSummary()}`);
    if (buildTail.length > 0) info(`last lines of the build:\n${buildTail.slice(-20).join('\n')}`);
  } finally {
    endGroup();
  }
}

function binfmtSummary(): string {
  try {
    const names = readdirSync(BINFMT_DIR).filter((n) => n.startsWith('qemu-'));
    if (names.length === 0) return 'none';
    return names.map((n) => {
      const h = readHandler(n);
      return `${n} (${h?.enabled ? 'enabled' : 'disabled'}, flags ${h?.flags || '-'})`;
    }).join(', ');
  } catch {
    return `${BINFMT_DIR} not readable`;
  }
}
