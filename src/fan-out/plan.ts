// `mode: plan`: one leg per platform (or per runner), each on the runner the `runners` map names,
// as the matrix of a fan-out: legs build natively where a runner of the platform's architecture
// exists, and under QEMU on the default runner where none does. No docker: it only decides.
import type { RunnerRule } from '../shared/inputs-types.js';
import { parsePlatform } from '../shared/platform.js';
import { slug } from '../runtime/slug.js';
import type { Leg } from '../shared/legs.js';

/** The architecture of a runner, from a hosted label or a self-hosted runner's own labels. */
export function runnerArch(runner: string | string[]): string | undefined {
  const labels = (Array.isArray(runner) ? runner : [runner]).map((l) => l.toLowerCase());
  for (const l of labels) {
    if (/^(ubuntu|windows)-[\w.]+-arm$/.test(l) || l === 'arm64') return 'arm64';
    if (/^(ubuntu-[\d.]+|ubuntu-latest|windows-[\w.]+)$/.test(l) || l === 'x64' || l === 'amd64') return 'amd64';
    if (['arm', 'riscv64', 'ppc64le', 's390x'].includes(l)) return l;
  }
  return undefined;
}

/** The rule for a platform: the exact one, else the longest prefix at a `/`, else `default`. */
function ruleFor(platform: string, rules: readonly RunnerRule[]): RunnerRule | undefined {
  const matching = rules.filter((r) => r.pattern === platform || platform.startsWith(`${r.pattern}/`));
  return matching.sort((a, b) => b.pattern.length - a.pattern.length)[0] ?? rules.find((r) => r.pattern === 'default');
}

export function planLegs(platforms: readonly string[], rules: readonly RunnerRule[], groupByRunner: boolean):
  Leg[] {
  const legs = platforms.map((platform): Leg => {
    const rule = ruleFor(platform, rules);
    if (!rule) throw new Error(`no runner for ${platform}: give one in \`runners\`, or a default`);
    const arch = runnerArch(rule.runner);
    const explicit = rule.pattern !== 'default';
    // A runner of unknown architecture mapped to the platform by hand is taken as native to it.
    const own = parsePlatform(platform).architecture;
    const emulated = arch === undefined ? !explicit : !(arch === own || (arch === 'amd64' && own === '386'));
    return { platform, runner: rule.runner, emulated, slug: slug(platform), why: rule.pattern };
  });
  if (!groupByRunner) return legs;
  const byRunner = new Map<string, Leg[]>();
  for (const leg of legs) {
    const key = JSON.stringify(leg.runner);
    byRunner.set(key, [...(byRunner.get(key) ?? []), leg]);
  }
  return [...byRunner.values()].map((group) => ({
    platform: group.map((l) => l.platform).join(','),
    runner: group[0]?.runner ?? '',
    emulated: group.some((l) => l.emulated),
    slug: slug([group[0]?.runner ?? ''].flat().join('-')),
    why: [...new Set(group.map((l) => l.why))].join(', '),
  }));
}
