// The workflow run as docker's actions read it from the runner's environment and event payload.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { defaultGitContext, gitAuthHost, githubRun } from '../../../src/shared/github-run.js';

const dir = mkdtempSync(join(tmpdir(), 'mab-git-'));
const event = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const BASE = { GITHUB_REPOSITORY: 'octo/app', GITHUB_SHA: 'c0ffee', GITHUB_REF: 'refs/heads/main' };

test.each<[string, NodeJS.ProcessEnv, ReturnType<typeof githubRun>]>([
  ['outside a workflow', {}, { privateRepo: false }],
  ['outside a workflow, a payload saying private', { GITHUB_EVENT_PATH: event('p.json', '{"repository":{"private":true}}') },
    { privateRepo: true }],
  ['a run on github.com (the default server)', { ...BASE, GITHUB_RUN_ID: '7' }, {
    privateRepo: false, runUrl: 'https://github.com/octo/app/actions/runs/7/attempts/1',
    git: { repoUrl: 'https://github.com/octo/app.git', ref: 'refs/heads/main', sha: 'c0ffee' } }],
  ['GitHub Enterprise, a second attempt', { ...BASE, GITHUB_SERVER_URL: 'https://ghe.test', GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '2' }, {
    privateRepo: false, runUrl: 'https://ghe.test/octo/app/actions/runs/7/attempts/2',
    git: { repoUrl: 'https://ghe.test/octo/app.git', ref: 'refs/heads/main', sha: 'c0ffee' } }],
  ['a repository but neither ref nor commit', { GITHUB_REPOSITORY: 'octo/app' }, {
    privateRepo: false, git: { repoUrl: 'https://github.com/octo/app.git', ref: '', sha: '' } }],
  ['no run id: no builder id', BASE, {
    privateRepo: false, git: { repoUrl: 'https://github.com/octo/app.git', ref: 'refs/heads/main', sha: 'c0ffee' } }],
  ['a bare branch name with a commit', { ...BASE, GITHUB_REF: 'dev' }, {
    privateRepo: false, git: { repoUrl: 'https://github.com/octo/app.git', ref: 'refs/heads/dev', sha: 'c0ffee' } }],
  ['a bare branch name without a commit stays as written', { ...BASE, GITHUB_REF: 'dev', GITHUB_SHA: '' }, {
    privateRepo: false, git: { repoUrl: 'https://github.com/octo/app.git', ref: 'dev', sha: '' } }],
  ['a pull request keeps its merge ref and commit', { ...BASE, GITHUB_REF: 'refs/pull/4/merge' }, {
    privateRepo: false, git: { repoUrl: 'https://github.com/octo/app.git', ref: 'refs/pull/4/merge', sha: 'c0ffee' } }],
  ['PR head ref asked for (1), the head commit in the payload',
    { ...BASE, GITHUB_REF: 'refs/pull/4/merge', DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF: '1',
      GITHUB_EVENT_PATH: event('pr.json', '{"pull_request":{"head":{"sha":"feed42"}},"repository":{"private":true}}') },
    { privateRepo: true, git: { repoUrl: 'https://github.com/octo/app.git', ref: 'refs/pull/4/merge', sha: 'feed42' } }],
  ['PR head ref asked for (TRUE), no head commit known: the head ref',
    { ...BASE, GITHUB_REF: 'refs/pull/4/merge', DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF: 'TRUE' },
    { privateRepo: false, git: { repoUrl: 'https://github.com/octo/app.git', ref: 'refs/pull/4/head', sha: 'c0ffee' } }],
  ['PR head ref not asked for (yes is not a yes)',
    { ...BASE, GITHUB_REF: 'refs/pull/4/merge', DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF: 'yes',
      GITHUB_EVENT_PATH: event('pr2.json', '{"pull_request":{"head":{"sha":"feed42"}}}') },
    { privateRepo: false, git: { repoUrl: 'https://github.com/octo/app.git', ref: 'refs/pull/4/merge', sha: 'c0ffee' } }],
  ['PR head ref asked for (true), a payload whose pull request has no head: the head ref',
    { ...BASE, GITHUB_REF: 'refs/pull/4/merge', DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF: 'true',
      GITHUB_EVENT_PATH: event('pr4.json', '{"pull_request":{}}') },
    { privateRepo: false, git: { repoUrl: 'https://github.com/octo/app.git', ref: 'refs/pull/4/head', sha: 'c0ffee' } }],
  ...['1x', 'x1', 'truex', 'xtrue', ''].map((v): [string, NodeJS.ProcessEnv, ReturnType<typeof githubRun>] => [
    `PR head ref ${JSON.stringify(v)} is not a yes`, { ...BASE, GITHUB_REF: 'refs/pull/4/merge', DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF: v },
    { privateRepo: false, git: { repoUrl: 'https://github.com/octo/app.git', ref: 'refs/pull/4/merge', sha: 'c0ffee' } }]),
  ['PR head ref asked for on a branch: nothing changes', { ...BASE, DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF: 'true',
    GITHUB_EVENT_PATH: event('pr3.json', '{"pull_request":{"head":{"sha":"feed42"}}}') },
    { privateRepo: false, git: { repoUrl: 'https://github.com/octo/app.git', ref: 'refs/heads/main', sha: 'c0ffee' } }],
  ['a pull request from a fork', { ...BASE, GITHUB_REF: 'refs/pull/4/merge',
    GITHUB_EVENT_PATH: event('fork.json', '{"pull_request":{"head":{"repo":{"full_name":"someone/app"}}}}') },
  { privateRepo: false, fromFork: true,
    git: { repoUrl: 'https://github.com/octo/app.git', ref: 'refs/pull/4/merge', sha: 'c0ffee' } }],
  ['a pull request from a branch of the repository', { ...BASE, GITHUB_REF: 'refs/pull/4/merge',
    GITHUB_EVENT_PATH: event('same.json', '{"pull_request":{"head":{"repo":{"full_name":"octo/app"}}}}') },
  { privateRepo: false, git: { repoUrl: 'https://github.com/octo/app.git', ref: 'refs/pull/4/merge', sha: 'c0ffee' } }],
  ['an unreadable payload is no payload', { ...BASE, GITHUB_EVENT_PATH: event('bad.json', '{not json') }, {
    privateRepo: false, git: { repoUrl: 'https://github.com/octo/app.git', ref: 'refs/heads/main', sha: 'c0ffee' } }],
])('%s', (_name, env, want) => {
  expect(githubRun(env)).toStrictEqual(want);
});

test.each<[string, { ref: string; sha: string }, boolean, string]>([
  ['pinned commit', { ref: 'refs/heads/main', sha: 'c0ffee' }, false, 'U#c0ffee'],
  ['no commit: the ref', { ref: 'refs/heads/main', sha: '' }, false, 'U#refs/heads/main'],
  ['query with checksum', { ref: 'refs/heads/main', sha: 'c0ffee' }, true, 'U?ref=refs/heads/main&checksum=c0ffee'],
  ['query of a pull request: its commit', { ref: 'refs/pull/4/merge', sha: 'c0ffee' }, true, 'U?ref=c0ffee'],
  ['query of a pull request without a commit', { ref: 'refs/pull/4/merge', sha: '' }, true, 'U?ref=refs/pull/4/merge'],
  ['query without a commit', { ref: 'refs/tags/v1', sha: '' }, true, 'U?ref=refs/tags/v1'],
])('context: %s', (_name, git, query, want) => {
  expect(defaultGitContext({ repoUrl: 'U', ...git }, query)).toBe(want);
});

test('the token goes to this GitHub only', () => {
  expect(gitAuthHost('https://github.com/o/r.git#main', {})).toBe('github.com');
  expect(gitAuthHost('https://ghe.test/o/r.git', { GITHUB_SERVER_URL: 'https://ghe.test' })).toBe('ghe.test');
  expect(gitAuthHost('https://github.com/o/r.git', { GITHUB_SERVER_URL: 'https://ghe.test' })).toBeUndefined();
  expect(gitAuthHost('https://gitlab.test/o/r.git', {})).toBeUndefined();
});
