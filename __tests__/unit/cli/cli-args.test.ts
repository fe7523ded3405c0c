import { describe, expect, test } from 'vitest';
import { parseCliArgs, parseFileCommands, summaryText } from '../../../src/cli/cli-args.js';

const known = ['context', 'platforms', 'push', 'tags', 'build-args'];

describe('CLI flags named like the inputs', () => {
  test.each<[string[], Record<string, string>]>([
    [['--context', '.', '--push'], { context: '.', push: 'true' }],
    [['--platforms=linux/amd64,linux/arm64', '--push', 'false'], { platforms: 'linux/amd64,linux/arm64', push: 'false' }],
    [['--build-args', 'A=1', '--build-args', 'B=x,y'], { 'build-args': 'A=1\nB=x,y' }],
    [['--tags', 'a:1', '--push', '--context', '.'], { tags: 'a:1', push: 'true', context: '.' }],
  ])('%j', (argv, inputs) => {
    expect(parseCliArgs(argv, known)).toEqual({ inputs, help: false });
  });

  test('unknown flags and stray words name themselves', () => {
    expect(() => parseCliArgs(['--platfroms', 'x'], known)).toThrow('unknown flag --platfroms');
    expect(() => parseCliArgs(['build'], known)).toThrow('unexpected argument "build"');
    expect(parseCliArgs(['-h'], known).help).toBe(true);
  });

  test('the runner file format and the summary as text', () => {
    expect(parseFileCommands('digest<<ghadelimiter_1\nsha256:x\nghadelimiter_1\nnodes<<d\n[\n]\nd\n'))
      .toEqual({ digest: 'sha256:x', nodes: '[\n]' });
    expect(summaryText('<h3>t</h3>\n<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>&lt;2&gt;</td></tr></table>'))
      .toBe('t\n\na  b  \n1  <2>');
  });
});
