// The release workflow's steps that need more than git and gh (argv arrays, no shell):
//   node scripts/release/cli.mjs check TAG   tag, package.json, CHANGELOG and a fresh dist agree
//   node scripts/release/cli.mjs notes TAG   the CHANGELOG section, the release's notes
//   node scripts/release/cli.mjs moves TAG   the floating tags (vX, vX.Y) to point at TAG
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { changelogSection, parseReleaseTag, tagsToMove, treeDifferences } from './release.mjs';

const git = (...args) => execFileSync('git', args, { encoding: 'utf8', maxBuffer: 64 << 20 });

const filesUnder = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

/** dist/ as committed at HEAD against dist/ as the sources build it now, both as git blob ids. */
function distDifferences() {
  const committed = new Map(git('ls-tree', '-r', 'HEAD', '--', 'dist').trim().split('\n').filter(Boolean)
    .map((l) => { const [meta, path] = l.split('\t'); return [path, meta.split(' ')[2]]; }));
  execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
  const files = filesUnder('dist');
  const ids = files.length ? git('hash-object', '--', ...files).trim().split('\n') : [];
  return treeDifferences(committed, new Map(files.map((f, i) => [f, ids[i]])));
}

function check(tag) {
  const v = parseReleaseTag(tag);
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')).version;
  const want = `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}`;
  if (pkg !== want) throw new Error(`package.json says ${pkg}, the tag ${tag}: bump the version before tagging`);
  changelogSection(readFileSync('CHANGELOG.md', 'utf8'), tag);
  const diff = distDifferences();
  if (diff.length > 0) {
    throw new Error(`the committed dist/ is not what ${tag}'s sources build; rebuild, commit and tag again:\n` +
      diff.join('\n'));
  }
  console.log(`${tag}: package.json, CHANGELOG.md and dist/ agree`);
}

const [command, tag] = process.argv.slice(2);
try {
  if (!tag) throw new Error('usage: cli.mjs check|notes|moves TAG');
  if (command === 'check') check(tag);
  else if (command === 'notes') console.log(changelogSection(readFileSync('CHANGELOG.md', 'utf8'), tag));
  else if (command === 'moves') console.log(tagsToMove(tag, git('tag', '--list').split('\n')).join('\n'));
  else throw new Error(`unknown command ${command}: check, notes or moves`);
} catch (error) {
  console.error(`release: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
