// Which builds of this step BuildKit keeps a record of. buildx names a build in its metadata file
// (`buildx.build.ref`: BUILDER/NODE/REF), but writes no metadata file when the build fails; it
// also writes a local-state file per build as the build starts, under
// BUILDX_CONFIG/refs/BUILDER/NODE/REF, which is how every attempt of this step is found, the
// failed ones too.
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** buildx's own folder: BUILDX_CONFIG, else DOCKER_CONFIG/buildx, else ~/.docker/buildx. */
export function buildxConfigDir(env: NodeJS.ProcessEnv): string {
  return env.BUILDX_CONFIG || join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'buildx');
}

/** `BUILDER/NODE/REF` of each build on `builder` that started at or after `since`, oldest first. */
export function refsSince(builder: string, since: Date, env: NodeJS.ProcessEnv): string[] {
  const dir = join(buildxConfigDir(env), 'refs', builder);
  const found: { ref: string; at: number }[] = [];
  const list = (d: string): string[] => {
    try {
      return readdirSync(d);
    } catch {
      return [];
    }
  };
  for (const node of list(dir)) {
    for (const ref of list(join(dir, node))) {
      const at = statSync(join(dir, node, ref)).mtimeMs;
      // mtime has whole-second precision on some filesystems: a second of slack
      if (at >= since.getTime() - 1000) found.push({ ref: `${builder}/${node}/${ref}`, at });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.ref);
}
