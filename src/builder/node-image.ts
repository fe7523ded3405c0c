// buildx pulls a docker-container node's image at every boot, even when the engine has it, and
// starts the node from the local copy only when that pull fails. So a warm run would still ask the
// image's registry (a Docker Hub request counts against its pull rate limit). The copy the action
// has put in the engine (from the Actions cache) gets a second name on a registry that cannot
// answer, loopback port 9, where nothing listens: buildx's pull fails at once without a request
// leaving the runner, and the node starts from the copy. The post step removes that name.
import { slug } from '../runtime/slug.js';
import { runCommand } from '../runtime/run-command.js';

const NOWHERE = '127.0.0.1:9/multiarch-build/node-image';

/** A local-only name for the engine's image `id` (its copy of `image`); undefined when none was given. */
export async function localOnlyName(id: string, image: string): Promise<string | undefined> {
  const name = `${NOWHERE}:${slug(image).slice(0, 120)}`;
  const res = await runCommand('docker', ['tag', id, name], { timeoutMs: 30_000 });
  return res.exitCode === 0 ? name : undefined;
}

/** Removes the name (the image keeps its own). */
export async function removeLocalOnlyName(name: string): Promise<boolean> {
  const res = await runCommand('docker', ['image', 'rm', name], { timeoutMs: 30_000 });
  return res.exitCode === 0;
}
