// Keyless signing against a real Sigstore: the bed's Fulcio, Rekor v2 and timestamp authority
// (compiled from Debian's sources, scripts/bed/sigstore.sh) behind its OIDC issuer, which speaks
// the runner's token protocol. The step signs what it pushed with the job's token, as a private
// instance (signing config or Fulcio URL, and its trusted root); an independent cosign 3 verifies
// each digest by workflow identity and issuer; the log is read back from Rekor's own storage.
// Each failure (no permission, the token endpoint, Fulcio 5xx or refusing, Rekor unreachable) is
// one named error line, and nothing is published as signed.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, bedIsUp, makeContext, uniqueRepo } from './helpers/bed.js';
import { startHttpProxy } from './helpers/http-proxy.js';
import { errorLine } from './helpers/log.js';
import { served } from './helpers/registry.js';
import { runAction, type ActionRun } from './helpers/run-action.js';
import {
  bedSigstore, jobTokenEnv, rekorLogSize, signingConfigWith, workflowIdentity, type BedSigstore,
} from './helpers/sigstore.js';

const up = bedIsUp();
const bed = bedSigstore() as BedSigstore;

interface VerifyAs {
  identity?: string;
  tlog?: boolean;
}

/** This test's own check, as a deploy job would run it: cosign 3 against the bed's trusted root. */
function verifies(ref: string, opts: VerifyAs = {}): { ok: boolean; out: string } {
  const res = spawnSync(bed.cosign, ['verify', '--trusted-root', bed.trustedRoot,
    '--certificate-identity', opts.identity ?? workflowIdentity(), '--certificate-oidc-issuer', bed.issuer,
    '--insecure-ignore-sct', ...(opts.tlog === false ? ['--insecure-ignore-tlog'] : []), '--allow-http-registry', ref],
  { encoding: 'utf8', env: { ...process.env, TUF_ROOT: jobTokenEnv(bed).TUF_ROOT } });
  return { ok: res.status === 0, out: `${res.stdout}${res.stderr}` };
}

/** The Sigstore bundles stored for `repo@digest` (cosign 3: an OCI referrer, by the tag schema here). */
interface Bundle {
  verificationMaterial: { tlogEntries?: { logIndex?: string; canonicalizedBody: string }[] };
}
async function bundlesOf(repo: string, digest: string): Promise<Bundle[]> {
  const [host, ...path] = repo.split('/');
  const base = `http://${host}/v2/${path.join('/')}`;
  const index = await fetch(`${base}/manifests/${digest.replace(':', '-')}`,
    { headers: { accept: 'application/vnd.oci.image.index.v1+json' } });
  if (index.status !== 200) return [];
  const manifests = ((await index.json()) as { manifests: { digest: string }[] }).manifests;
  return Promise.all(manifests.map(async (m) => {
    const manifest = await (await fetch(`${base}/manifests/${m.digest}`,
      { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } })).json() as { layers: { digest: string }[] };
    return (await fetch(`${base}/blobs/${manifest.layers[0]?.digest ?? ''}`)).json() as Promise<Bundle>;
  }));
}

/** Every entry bundle Rekor v2 wrote to its storage, as one buffer. */
function rekorEntries(): Buffer {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
  return Buffer.concat(files(join(bed.rekorLog, 'tile', 'entries')).map((f) => readFileSync(f)));
}

const digestsOf = (run: ActionRun): string[] =>
  [run.outputs.digest ?? '', ...Object.values(JSON.parse(run.outputs.digests ?? '{}') as Record<string, string>)];

/** The token never shows: not in any argv, not in the log (but the mask that hides it). */
function tokenKept(run: ActionRun): void {
  const masks = run.stdout.split('\n').filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice(12));
  const jwts = masks.filter((m) => /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/.test(m));
  expect(jwts.length).toBeGreaterThan(0);
  const log = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
  for (const jwt of jwts) {
    expect(log).not.toContain(jwt);
    expect(run.cosignCalls.flat().join('\n')).not.toContain(jwt);
  }
}

const privateInstance = { 'sigstore-signing-config': '', 'sigstore-trusted-root': '' };
const withBed = (): Record<string, string> => ({ ...privateInstance, 'sigstore-signing-config': bed.signingConfig,
  'sigstore-trusted-root': bed.trustedRoot });
const signs = (run: ActionRun): string[][] => run.cosignCalls.filter((c) => c[0] === 'sign' && c[1] !== '--help');
/** How many times each digest was signed: the distinct counts. */
const attemptsPerDigest = (run: ActionRun): number[] => {
  const counts = new Map<string, number>();
  for (const c of signs(run)) counts.set(c.at(-1) ?? '', (counts.get(c.at(-1) ?? '') ?? 0) + 1);
  return [...new Set(counts.values())];
};

describe.skipIf(!up)('keyless signing against the bed\'s Sigstore', () => {
  test('a two-platform push signed keyless with the log: every digest verifies by identity, Rekor holds the entries', async () => {
    const tag = `${uniqueRepo('keyless')}:1`;
    const repo = tag.slice(0, tag.lastIndexOf(':'));
    const sizeBefore = rekorLogSize(bed);
    const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), builder: 'default', push: 'true',
      platforms: 'linux/amd64,linux/arm64', tags: tag, sign: 'true', 'sign-tlog': 'true', ...withBed() },
    { env: jobTokenEnv(bed), cosign: bed.cosign });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.signed).toBe('true');
    const digests = digestsOf(run);
    expect(digests).toHaveLength(3);
    for (const d of digests) {
      const v = verifies(`${repo}@${d}`);
      expect(v.ok, v.out).toBe(true);
      // Another workflow of the same repository is not this identity.
      expect(verifies(`${repo}@${d}`, { identity: workflowIdentity('bed-owner/app', 'other.yml') }).ok).toBe(false);
    }
    // The log holds each digest's entry: the bundle's entry is in Rekor's own tiles, inside its checkpoint.
    const entries = rekorEntries();
    for (const d of digests) {
      const [bundle] = await bundlesOf(repo, d);
      const entry = bundle?.verificationMaterial.tlogEntries?.[0];
      expect(entry, `no log entry in the bundle of ${d}`).toBeDefined();
      expect(entries.includes(Buffer.from(entry?.canonicalizedBody ?? '', 'base64'))).toBe(true);
      expect(Number(entry?.logIndex ?? 0)).toBeGreaterThanOrEqual(sizeBefore);
    }
    expect(rekorLogSize(bed)).toBeGreaterThanOrEqual(sizeBefore + 3);
    // By digest, the index and each manifest in it at once, with the token in a file; the verify
    // commands name the identity, the issuer and the trusted root.
    const index = (await served(tag)).json?.manifests ?? [];
    expect(signs(run).map((c) => c.at(-1)).sort())
      .toEqual([run.outputs.digest, ...index.map((m) => m.digest)].map((d) => `${repo}@${d}`).sort());
    for (const sign of signs(run)) {
      expect(sign).toEqual(expect.arrayContaining(['--signing-config', '--trusted-root', bed.trustedRoot, '--identity-token']));
    }
    expect(run.outputs['verify-commands']).toContain(`cosign verify --certificate-identity ${workflowIdentity()} ` +
      `--certificate-oidc-issuer ${bed.issuer} --trusted-root ${bed.trustedRoot} --insecure-ignore-sct ` +
      `--allow-http-registry ${repo}@${run.outputs.digest}`);
    tokenKept(run);
  });

  test('without the log (a private repository): verifies the private way, Rekor untouched', async () => {
    const tag = `${uniqueRepo('keyless-private')}:1`;
    const repo = tag.slice(0, tag.lastIndexOf(':'));
    const sizeBefore = rekorLogSize(bed);
    const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), builder: 'default', push: 'true',
      platforms: 'linux/amd64,linux/arm64', tags: tag, sign: 'true', 'sign-tlog': 'false', ...withBed() },
    { env: jobTokenEnv(bed), cosign: bed.cosign });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    for (const d of digestsOf(run)) {
      expect(verifies(`${repo}@${d}`, { tlog: false }).ok).toBe(true);
      expect(verifies(`${repo}@${d}`).ok).toBe(false); // no log entry to require
      const [bundle] = await bundlesOf(repo, d);
      expect(bundle?.verificationMaterial.tlogEntries ?? []).toEqual([]);
    }
    expect(rekorLogSize(bed)).toBe(sizeBefore);
    expect(run.outputs['verify-commands']).toContain('--insecure-ignore-tlog');
  });

  test('verify-sources: a leg signed by another workflow and an unsigned leg are refused, nothing tagged', async () => {
    const repo = uniqueRepo('keyless-gate');
    const context = makeContext(ARCH_DOCKERFILE);
    const leg = async (arch: string, claims: Record<string, string> | undefined): Promise<void> => {
      // The legs name the instance by its Fulcio's URL (no log: sign-tlog false), and its trusted root file.
      const run = await runAction({ context, builder: 'default', platforms: `linux/${arch}`, provenance: 'false',
        tags: `${repo}:1.0-${arch}`, push: 'true', 'sign-tlog': 'false', 'fulcio-url': bed.fulcio,
        'sigstore-trusted-root': bed.trustedRoot,
        ...(claims ? { sign: 'true' } : { sign: 'false' }) },
      { env: claims ? jobTokenEnv(bed, claims) : {}, cosign: bed.cosign });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    };
    await leg('amd64', { workflow: 'other.yml' });
    await leg('arm64', undefined);
    // The merge gets the instance's documents themselves, as the reusable workflow passes them.
    const merge = (tag: string): Promise<ActionRun> => runAction({ mode: 'merge', tags: `${repo}:${tag}`,
      platforms: 'linux/amd64,linux/arm64', sources: `${repo}:1.0-amd64\n${repo}:1.0-arm64`, 'verify-sources': 'true',
      'sign-tlog': 'false', 'sigstore-signing-config': readFileSync(bed.signingConfig, 'utf8'),
      'sigstore-trusted-root': readFileSync(bed.trustedRoot, 'utf8') }, { env: jobTokenEnv(bed), cosign: bed.cosign });
    const refused = await merge('1.0');
    expect(refused.exitCode).toBe(1);
    const line = errorLine(refused);
    expect(line).toContain(`verify-sources: no valid signature of ${workflowIdentity()} on`);
    expect(line.match(new RegExp(`${repo}@sha256:[0-9a-f]{64}`, 'g'))).toHaveLength(2);
    expect(line).toContain('nothing was pushed');
    expect(refused.buildxCalls.filter((c) => c[0] === 'imagetools')).toEqual([]);
    expect((await served(`${repo}:1.0`)).status).toBe(404);

    await leg('amd64', {});
    await leg('arm64', {});
    const merged = await merge('1.1');
    expect(merged.exitCode, merged.stdout + merged.stderr).toBe(0);
    expect(verifies(`${repo}@${merged.outputs.digest}`, { tlog: false }).ok).toBe(true);
    expect(merged.outputs['verify-commands']).toContain(' --trusted-root trusted_root.json --insecure-ignore-sct ');
  });
});

describe.skipIf(!up)('keyless signing: each failure named, nothing published as signed', () => {
  type Values = Record<string, string>;
  const build = (name: string, inputs: Values, env: Values): Promise<ActionRun> =>
    runAction({ context: makeContext(ARCH_DOCKERFILE), builder: 'default', push: 'true', platforms: 'linux/amd64',
      tags: `${uniqueRepo(name)}:1`, sign: 'true', 'sign-tlog': 'true', ...withBed(), ...inputs },
    { env, cosign: bed.cosign });
  const repoOf = (run: ActionRun): string => {
    const tag = run.env['INPUT_TAGS'] ?? '';
    return tag.slice(0, tag.lastIndexOf(':'));
  };
  /** Nothing signed: no signature stored for the digest the step pushed. */
  async function unsigned(run: ActionRun): Promise<void> {
    expect(run.outputs.signed).toBe('false');
    const pushed = await served(`${repoOf(run)}:1`);
    expect(pushed.status).toBe(200);
    expect(await bundlesOf(repoOf(run), pushed.digest ?? '')).toEqual([]);
  }

  test('no `id-token: write`: refused before anything is built', async () => {
    const run = await build('keyless-noperm', {}, {});
    expect(run.exitCode).toBe(1);
    expect(errorLine(run)).toMatch(/^::error::Input "sign": "true" needs a key or an identity: .*`permissions: id-token: write`/);
    expect(run.buildxCalls.filter((c) => c[0] === 'build')).toEqual([]);
  });

  test('the runner\'s token endpoint failing: named after 3 tries, before the build', async () => {
    const run = await build('keyless-endpoint', {}, jobTokenEnv(bed, { status: '503' }));
    expect(run.exitCode).toBe(1);
    expect(errorLine(run)).toContain(`the job's OIDC token for Sigstore could not be had from ${bed.tokenUrl} ` +
      '(HTTP 503: {"message":"the bed\'s issuer answers 503 as asked"}, after 3 tries at most)');
    expect(errorLine(run)).toContain('`permissions: id-token: write`');
    expect(run.buildxCalls.filter((c) => c[0] === 'build')).toEqual([]);
    expect(run.outputs.signed).toBe('false');
    expect((await served(`${repoOf(run)}:1`)).status).toBe(404);
  });

  test('Fulcio answering 5xx: retried, and signed once it answers; named when it never does', async () => {
    const fulcio = new URL(bed.fulcio);
    // One manifest (no provenance), one cosign: it asks Fulcio twice itself, both refused, so the
    // step's second sign is what passes. Down: every request answered 503, as a Fulcio behind a
    // load balancer with no backend.
    let refusals = 2;
    let down = false;
    const unavailable = { status: 503, headers: { 'content-type': 'application/json' },
      body: '{"code":14,"message":"unavailable"}' };
    const proxy = await startHttpProxy({ host: fulcio.hostname, port: Number(fulcio.port) }, (req) =>
      (down || (req.method === 'POST' && req.url?.includes('/signingCert') && refusals-- > 0) ? unavailable : undefined));
    try {
      const config = signingConfigWith(bed, (c) => { c.caUrls[0] = { ...c.caUrls[0], url: `http://127.0.0.1:${proxy.port}` }; });
      const passed = await build('keyless-fulcio-flaky', { 'sigstore-signing-config': config, provenance: 'false' },
        jobTokenEnv(bed));
      expect(passed.exitCode, passed.stdout + passed.stderr).toBe(0);
      expect(passed.outputs.signed).toBe('true');
      expect(attemptsPerDigest(passed)).toEqual([2]);

      down = true;
      const failed = await build('keyless-fulcio-down', { 'sigstore-signing-config': config, provenance: 'false' },
        jobTokenEnv(bed));
      expect(failed.exitCode).toBe(1);
      expect(errorLine(failed)).toMatch(new RegExp(`signing .*@sha256:[0-9a-f]{64} keyless failed: Fulcio at ` +
        `http://127.0.0.1:${proxy.port} failed \\(HTTP 503, after 3 attempts\\); no signature was stored for it`));
      expect(attemptsPerDigest(failed)).toEqual([3]); // each digest signed 3 times, then given up
      await unsigned(failed);
    } finally {
      await proxy.close();
    }
  });

  test('Fulcio refusing the token (a claim missing): named with the issuer, not retried', async () => {
    const run = await build('keyless-refused', {}, jobTokenEnv(bed, { omit: 'job_workflow_sha' }));
    expect(run.exitCode).toBe(1);
    expect(errorLine(run)).toContain(`keyless failed: Fulcio at ${bed.fulcio} refused the job's OIDC token ` +
      '(HTTP 400: There was an error processing the identity token); no signature was stored for it');
    expect(errorLine(run)).toContain(`accept tokens of ${bed.issuer}`);
    expect(attemptsPerDigest(run)).toEqual([1]);
    await unsigned(run);
  });

  test('Rekor unreachable: named with its URL and the way to sign without it', async () => {
    const config = signingConfigWith(bed, (c) => { c.rekorTlogUrls[0] = { ...c.rekorTlogUrls[0], url: 'http://127.0.0.1:9' }; });
    const run = await build('keyless-rekor', { 'sigstore-signing-config': config }, jobTokenEnv(bed));
    expect(run.exitCode).toBe(1);
    expect(errorLine(run)).toContain('keyless failed: Rekor at http://127.0.0.1:9 could not be reached ' +
      '(connection refused, after 3 attempts); no signature was stored for it');
    expect(errorLine(run)).toContain('`sign-tlog: false`');
    await unsigned(run);
  });
});
