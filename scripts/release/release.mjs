// The release's logic that can run anywhere, kept out of the workflow's shell so it can be tested:
// which tags a release moves, the CHANGELOG section that becomes its notes, and whether the
// committed dist/ is what a fresh build makes. `.github/workflows/release.yml` calls the CLI below.

const SEMVER = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?$/;

/** `v1.2.3` -> { major, minor, patch, pre }; throws for anything that is not a release tag. */
export function parseReleaseTag(tag) {
  const m = SEMVER.exec(tag);
  if (!m) throw new Error(`${tag} is not a release tag: push vMAJOR.MINOR.PATCH (e.g. v1.2.3)`);
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] };
}

const compare = (a, b) => a.major - b.major || a.minor - b.minor || a.patch - b.patch;

/**
 * The floating tags that move to `tag`: `vX` and `vX.Y`, each only when no newer release of its
 * line exists (a fix to v1.2 after v1.3 is out moves v1.2, never v1 back). A pre-release moves none.
 * `existing` is every tag of the repository; tags that are not releases are ignored.
 */
export function tagsToMove(tag, existing) {
  const v = parseReleaseTag(tag);
  if (v.pre !== undefined) return [];
  const releases = existing.map((t) => SEMVER.exec(t) ? parseReleaseTag(t) : undefined)
    .filter((r) => r !== undefined && r.pre === undefined);
  const newest = (same) => releases.filter(same).every((r) => compare(r, v) <= 0);
  const moves = [];
  if (newest((r) => r.major === v.major)) moves.push(`v${v.major}`);
  if (newest((r) => r.major === v.major && r.minor === v.minor)) moves.push(`v${v.major}.${v.minor}`);
  return moves;
}

/**
 * The body of `## [X.Y.Z] - DATE` in a Keep a Changelog file, up to the next `## ` heading (link
 * references at the end left out); throws when the version has no section or an empty one.
 */
export function changelogSection(changelog, tag) {
  const version = tag.replace(/^v/, '');
  const lines = changelog.split(/\r?\n/);
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = lines.findIndex((l) => new RegExp(`^## \\[?v?${escaped}\\]?(\\s|$)`).test(l));
  if (start < 0) throw new Error(`CHANGELOG.md has no section for ${version}: add "## [${version}] - YYYY-MM-DD"`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^## /.test(l) || /^\[[^\]]+\]:\s/.test(l));
  const body = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
  if (body === '') throw new Error(`CHANGELOG.md's section for ${version} is empty`);
  return body;
}

/**
 * Where two trees of files differ: each a map path -> content hash (git's blob ids for the
 * committed tree, the same ids for the fresh build). Sorted paths, each with what is wrong.
 */
export function treeDifferences(committed, built) {
  const paths = [...new Set([...committed.keys(), ...built.keys()])].sort();
  const out = [];
  for (const p of paths) {
    const [a, b] = [committed.get(p), built.get(p)];
    if (a === b) continue;
    out.push(`${p}: ${a === undefined ? 'not committed' : b === undefined ? 'not built' : 'differs'}`);
  }
  return out;
}
