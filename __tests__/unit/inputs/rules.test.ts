import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  ADD_HOST, ALLOW, BUILD_ARG, CALL, ENV_NAME, KEEP_STORAGE, LABEL_KEY, NAME, NETWORK, SECRET_ID, SIZE, SSH,
  ULIMIT,
  boolean, csvAttributes, isRemoteContext, keyValue, matches, pathExists,
} from '../../../src/inputs/rules.js';
import { booleanValue, envSwitch, isBooleanText } from '../../../src/shared/booleans.js';

// The grammar of each single-value input: what buildx accepts passes, and a value that is wrong
// at either end is refused (each pattern is anchored at both).
describe.each<[string, RegExp, string[], string[]]>([
  ['ENV_NAME', ENV_NAME, ['A', '_x', 'GIT_AUTH_TOKEN', 'a1'], ['1A', 'A-B', ' A', 'A ', '']],
  ['SECRET_ID', SECRET_ID, ['id', 'my.secret-1_x', '1'], ['a b', 'a/b', ' a', 'a ', '']],
  ['BUILD_ARG', BUILD_ARG, ['VERSION', '_a', 'a.b-c_1'], ['1A', 'A B', 'a/b', ' A', 'A ', 'A=']],
  ['LABEL_KEY', LABEL_KEY, ['org.opencontainers.image.title', 'a/b:c'], ['a b', 'a=b', ' a', 'a ', '']],
  ['NAME', NAME, ['node-1', 'a', 'A.b_c'], ['-a', '.a', 'a b', 'a/b', 'a ', '']],
  ['NETWORK', NETWORK, ['host', 'none', 'container:abc', 'my_net.1'], ['-x', 'a b', 'a/b', 'a ', '']],
  // go-units' sizeRegex (github.com/docker/go-units v0.5.0, what buildx's --shm-size reads with RAMInBytes)
  ['SIZE', SIZE, ['10', '1.5', '512mb', '2GB', '3g', '7b', '1.25kB', '2GiB', '1t', '1P', '10 GB', '1.2.3m', '2gi', '5ib'],
    ['1.', '.5', 'x10', '10x', '1.x', 'gb', '1e3', '10%', '10  g', '10gbb', '-1g']],
  // BuildKit's DiskSpace (cmd/buildkitd/config, v0.13): a percentage, else RAMInBytes
  ['KEEP_STORAGE', KEEP_STORAGE, ['10%', '100%', '10gb', '10GiB', '512'], ['10 %', '%', 'x%', '10.5%', 'ten']],
  ['ULIMIT', ULIMIT, ['nofile=1024', 'nofile=1024:2048', 'core=-1', 'core=-1:-1'], ['nofile', 'NOFILE=1', 'nofile=1:', 'nofile=a', ' nofile=1', 'nofile=1 ', '=1']],
  ['ADD_HOST', ADD_HOST, ['db:10.0.0.1', 'db=10.0.0.1', 'v6:[::1]', 'v6=::1', 'host.docker.internal:host-gateway'], ['db', 'db:', 'db:x.example', ' db:1.1.1.1', 'db:1.1.1.1 ', 'db:host-gatewayx']],
  ['ALLOW', ALLOW, ['network.host', 'security.insecure', 'device', 'device=/dev/kvm'], ['network.hostx', 'xnetwork.host', 'device=', 'network', 'security.insecurex']],
  ['CALL', CALL, ['build', 'check', 'outline', 'targets', 'check,format=json', 'outline,format=json,x=y'], ['lint', 'xbuild', 'buildx', 'check,', 'check,format=', 'check,FORMAT=json', 'check,=json', 'check,format=a,b']],
  ['SSH', SSH, ['default', 'key2=/home/u/.ssh/id', 'a.b-c_1'], ['a b', 'default=', ' default', 'default=a b', 'a/b']],
])('%s', (_name, re, good, bad) => {
  test.each(good)('accepts %j', (v) => expect(re.test(v)).toBe(true));
  test.each(bad)('refuses %j', (v) => expect(re.test(v)).toBe(false));
});

test.each([
  ['true', true, true], ['True', true, true], ['TRUE', true, true],
  ['false', true, false], ['False', true, false], ['FALSE', true, false],
  ['tRUE', false, true], ['yes', false, false], ['1', false, false], ['true ', false, false], [' true', false, false],
  ['xtrue', false, false], ['truex', false, false], ['falsey', false, false], ['', false, false],
])('boolean %j: is boolean text %s, reads as %s', (v, isText, value) => {
  expect(isBooleanText(v)).toBe(isText);
  expect(boolean(v)).toBe(isText ? undefined : 'is not a boolean (true or false)');
  expect(booleanValue(v)).toBe(value);
});

// Environment switches (BUILDX_NO_DEFAULT_ATTESTATIONS, BUILDX_SEND_GIT_QUERY_AS_INPUT,
// DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF) as Go's strconv.ParseBool reads them.
test.each([
  ['1', true], ['t', true], ['T', true], ['true', true], ['TRUE', true], ['True', true],
  ['0', false], ['f', false], ['false', false], ['tRuE', false], ['yes', false], ['', false], [undefined, false],
])('environment switch %j is %s', (v, on) => expect(envSwitch(v)).toBe(on));

test('key=value rules name the part that is wrong', () => {
  const rule = keyValue(BUILD_ARG, 'build arg');
  expect(rule('A=1')).toBeUndefined();
  expect(rule('A')).toBe('is not of the form build arg=VALUE');
  expect(rule('1A=x')).toBe('has an invalid build arg "1A"');
  const bare = keyValue(BUILD_ARG, 'build arg', true);
  expect(bare('A')).toBeUndefined();
  expect(bare('1A')).toBe('has an invalid build arg "1A"');
});

test('matches says what was expected', () => {
  expect(matches(NAME, 'a name')('-x')).toBe('is not a name');
  expect(matches(NAME, 'a name')('x')).toBeUndefined();
});

test.each([
  ['type=registry,ref=r/a:cache', true, undefined],
  ['type=gha', true, undefined],
  ['"type=local",dest=out', true, undefined],
  ['ref=r/a:cache', true, 'has no type=... attribute'],
  ['xtype=registry', true, 'has no type=... attribute'],
  ['type=Registry', true, 'has no type=... attribute'],
  ['type=registry!', true, 'has no type=... attribute'],
  ['type=registry,,ref=x', true, 'has an empty attribute'],
  ['type=registry,', false, 'has an empty attribute'],
  ['dest=out', false, undefined],
])('csv attributes %j (type required: %s) -> %s', (v, requireType, want) => {
  expect(csvAttributes(requireType)(v)).toBe(want);
});

test.each([
  ['https://github.com/o/r.git', true],
  ['http://example.test/ctx.tar.gz', true],
  ['git@github.com:o/r.git', true],
  ['git://example.test/r', true],
  ['github.com/o/r', true],
  ['-', true],
  ['.', false],
  ['./https://x', false],
  ['ftp://x', false],
  ['sub/github.com/x', false],
  ['--', false],
])('%s is a remote context: %s', (context, remote) => {
  expect(isRemoteContext(context)).toBe(remote);
});

test('paths: missing, a file where a folder is wanted, and the other way round', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mab-rules-'));
  writeFileSync(join(dir, 'f'), 'x');
  expect(pathExists('any', dir)('nope')).toBe('does not exist');
  expect(pathExists('file', dir)('f')).toBeUndefined();
  expect(pathExists('file', dir)(join(dir, 'f'))).toBeUndefined();
  expect(pathExists('dir', dir)('f')).toBe('is not a directory');
  expect(pathExists('file', '/')(dir)).toBe('is not a file');
  expect(pathExists('dir', '/nonexistent')(dir)).toBeUndefined();
  expect(pathExists('any', dir)('f')).toBeUndefined();
});
