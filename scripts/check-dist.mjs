// Fails when the committed dist/ is not what the sources build.
import { execFileSync } from 'node:child_process';

execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
const changed = execFileSync('git', ['status', '--porcelain', '--', 'dist'], { encoding: 'utf8' });
if (changed.trim() !== '') {
  console.error(`dist/ differs from what the sources build; rebuild and commit it:\n${changed}`);
  execFileSync('git', ['--no-pager', 'diff', '--stat', '--', 'dist'], { stdio: 'inherit' });
  process.exit(1);
}
console.log('dist/ is up to date');
