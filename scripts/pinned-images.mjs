// Proposes bumps of the images action.yml pins (`buildkit-image`, `qemu-image`), which dependabot
// does not read: the newest release tag of the same shape as the pinned one (`v0.32.2`,
// `qemu-v10.2.3-68`), pinned by the digest the registry serves for it (`NAME:TAG@sha256:...`).
// `.github/workflows/pinned-images.yml` runs it weekly and opens a pull request with the result;
// the pure parts are unit-tested, the registry part needs a network the bed does not have.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const PINNED_INPUTS = ['buildkit-image', 'qemu-image'];

/** `moby/buildkit:v0.32.2@sha256:...` -> its parts; a Docker Hub name without a registry. */
export function splitPinned(ref) {
  const m = /^([^:@\s]+):([^@\s]+)(?:@(sha256:[0-9a-f]{64}))?$/.exec(ref);
  if (!m) throw new Error(`${ref} is not NAME:TAG[@sha256:DIGEST]`);
  return { name: m[1], tag: m[2], digest: m[3] };
}

/** The tag's shape: its runs of digits are the version, the rest must match exactly. */
const shapeOf = (tag) => new RegExp(`^${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\d+/g, '(\\d+)')}$`);
const numbers = (tag, shape) => shape.exec(tag)?.slice(1).map(Number);
const newer = (a, b) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
};

/** The newest tag of the same shape as `current` (pre-releases have another shape), or `current`. */
export function newestTag(current, tags) {
  const shape = shapeOf(current);
  let best = current;
  for (const tag of tags) {
    const n = numbers(tag, shape);
    if (n && newer(n, numbers(best, shape))) best = tag;
  }
  return best;
}

/** action.yml with `input`'s default replaced; throws when the input has no such default. */
export function withDefault(actionYml, input, from, to) {
  const block = new RegExp(`(\\n  ${input}:\\n(?:    .*\\n)*?    default: )${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`);
  if (!block.test(actionYml)) throw new Error(`action.yml: ${input} has no default ${from}`);
  return actionYml.replace(block, (_, head) => `${head}${to}\n`);
}

async function hub(name, path, method = 'GET') {
  const token = await fetch(`https://auth.docker.io/token?service=registry.docker.io&scope=repository:${name}:pull`)
    .then((r) => r.json());
  return fetch(`https://registry-1.docker.io/v2/${name}/${path}`, { method, headers: {
    authorization: `Bearer ${token.token}`,
    accept: 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json',
  } });
}

async function allTags(name) {
  const tags = [];
  for (let path = 'tags/list?n=1000'; path;) {
    const res = await hub(name, path);
    tags.push(...(await res.json()).tags ?? []);
    path = /<\/v2\/[^?]+\?([^>]+)>/.exec(res.headers.get('link') ?? '')?.[1];
    if (path) path = `tags/list?${path}`;
  }
  return tags;
}

async function main() {
  const { parse } = await import('yaml');
  let yml = readFileSync('action.yml', 'utf8');
  for (const input of PINNED_INPUTS) {
    const current = String(parse(yml).inputs[input].default);
    const { name, tag } = splitPinned(current);
    const next = newestTag(tag, await allTags(name));
    const digest = (await hub(name, `manifests/${next}`, 'HEAD')).headers.get('docker-content-digest');
    if (!/^sha256:[0-9a-f]{64}$/.test(digest ?? '')) throw new Error(`${name}:${next}: no digest`);
    const pinned = `${name}:${next}@${digest}`;
    if (pinned !== current) {
      yml = withDefault(yml, input, current, pinned);
      console.log(`${input}: ${current} -> ${pinned}`);
    }
  }
  writeFileSync('action.yml', yml);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
