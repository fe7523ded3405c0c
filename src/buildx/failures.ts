// What the action knows about failures, in one ordered table: the pattern of an error text, whether
// trying again may pass (network blips, rate limits, a node lost mid-build) or cannot (a RUN step's
// exit code, a missing image, a denied login, a bad Dockerfile), the reason in words, and the fix
// users are known to need. Tested on error texts captured on the bed (__tests__/fixtures/errors).

export interface Failure {
  /** For the entries that code outside the classifier refers to. */
  id?: 'run-exit' | 'builder-missing' | 'classic-store' | 'rate-limit' | 'corrupt-download' | 'denied';
  pattern: RegExp;
  transient: boolean;
  reason: string;
  fix?: string;
}

const DENIED_FIX = 'the registry refused the credentials: log in first (docker/login-action) with a token that may ' +
  'push there';

const CLASSIC_STORE_FIX = 'leave `builder` empty so the action creates a builder, or turn on the engine\'s ' +
  'containerd-snapshotter feature';

// First match wins. A RUN step's non-zero exit comes first whatever its own output says (a test
// printing "connection refused" is still the test failing); a token service that refuses the
// login (401/403) is a denial whatever else the line says, so it comes before the token row; an
// oauth token timeout or 5xx says "DeadlineExceeded" or a 5xx, not a denial, so the token row
// comes before the denials; a missing buildx plugin before
// any other "not found"; a TLS handshake timeout, a rate limit and a 5xx (a 504 is a "Gateway
// Timeout") before the generic timeout, whose pattern their texts also match.
const FAILURES: readonly Failure[] = [
  { id: 'run-exit', pattern: /did not complete successfully: exit code: \d+/, transient: false,
    reason: 'a RUN step exited non-zero' },
  { pattern: /failed to fetch (oauth|anonymous) token: unexpected status( from \w+ request to \S+)?: (401|403)\b/i,
    transient: false, reason: 'the registry\'s token service refused the credentials', fix: DENIED_FIX },
  { pattern: /failed to fetch (oauth|anonymous) token|failed to authorize: DeadlineExceeded/i, transient: true,
    reason: 'registry token fetch failed' },
  { pattern: /dockerfile parse error|unknown instruction|failed to read dockerfile/i, transient: false,
    reason: 'a Dockerfile error' },
  { id: 'builder-missing', pattern: /no builder .* found/i, transient: false, reason: 'the builder does not exist',
    fix: 'name a builder that `docker buildx ls` lists, or leave `builder` empty so the action creates one' },
  { pattern: /is not a docker command|unknown command "buildx"|docker-buildx: not found/i, transient: false,
    reason: 'buildx is missing',
    fix: 'buildx is not installed: install the docker-buildx plugin, or pin a release with `buildx-version`' },
  { pattern: /manifest unknown|not found|pull access denied/i, transient: false,
    reason: 'an image or file does not exist' },
  { id: 'denied', pattern: /\b(401|403)\b|unauthorized|insufficient_scope|authentication required|denied/i,
    transient: false, reason: 'the registry refused the credentials', fix: DENIED_FIX },
  { pattern: /invalid (reference|tag)|invalid argument/i, transient: false,
    reason: 'an invalid reference or argument' },
  { pattern: /x509:|failed to verify certificate/i, transient: false,
    reason: 'a certificate the builder does not trust',
    fix: 'the builder does not trust the registry\'s certificate: give its CA in `registry-ca` (for the ' +
      'engine\'s own builder, /etc/docker/certs.d/HOST:PORT/ca.crt)' },
  { pattern: /exec format error/i, transient: false, reason: 'a platform ran without emulation',
    fix: 'a platform ran without a QEMU handler: keep `qemu: auto` (or `true`), or add a node that builds it natively' },
  { id: 'classic-store',
    pattern: /multiple platforms feature is currently not supported for docker driver|Multi-platform build is not supported for the docker driver/i,
    transient: false, reason: 'the engine\'s own builder cannot build several platforms',
    fix: `the engine's own builder needs the containerd image store for several platforms: ${CLASSIC_STORE_FIX}` },
  { pattern: /no space left on device/i, transient: false, reason: 'the disk is full',
    fix: 'the disk is full: prune the build cache or give BuildKit a smaller GC limit (`cache-keep-storage`)' },
  // A layer the build pushes whose bytes are not its digest is BuildKit's own (moby/buildkit#3856):
  // no download to repeat. A download's mismatch passes on a second download (a flaky CDN, a
  // caching proxy or a mirror caught mid-update).
  { pattern: /failed to push\b.*(unexpected commit digest|digest mismatch)/i, transient: false,
    reason: 'a digest mismatch in what the build produced, not a download' },
  { id: 'corrupt-download', pattern: /unexpected commit digest|digest mismatch/i, transient: true,
    reason: 'a download arrived corrupted',
    fix: 'every download of it arrived corrupted: a proxy, mirror or CDN between the builder and the registry ' +
      'serves wrong bytes for it (try without `registry-mirrors`, or tell the registry\'s operator)' },
  { pattern: /context deadline exceeded|DeadlineExceeded/i, transient: true, reason: 'deadline exceeded' },
  { pattern: /TLS handshake timeout/i, transient: true, reason: 'TLS handshake timeout' },
  { id: 'rate-limit', pattern: /toomanyrequests|\b429\b|Too Many Requests/i, transient: true,
    reason: 'rate limited (429)' },
  // A 500 too: Docker Hub, GHCR and ECR answer it for a moment under load and a re-push passes
  // (docker/hub-feedback#1761, moby/moby#19191); BuildKit's own few tries end within seconds.
  { pattern: /\b(500|502|503|504)\b|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout/i,
    transient: true, reason: 'server error (5xx)' },
  // A manifest PUT right after its blobs, where the registry has not stored them all yet (concurrent
  // copies into one repository by `imagetools create`, seen on the bed; eventually consistent
  // storage): the next attempt finds them.
  { pattern: /blob unknown to registry|provided digest did not match uploaded content/i, transient: true,
    reason: 'the registry had not stored every blob the manifest names yet' },
  { pattern: /i\/o timeout|timed? ?out/i, transient: true, reason: 'network timeout' },
  { pattern: /connection refused/i, transient: true, reason: 'connection refused' },
  { pattern: /connection reset by peer/i, transient: true, reason: 'connection reset' },
  { pattern: /broken pipe/i, transient: true, reason: 'broken pipe' },
  { pattern: /unexpected EOF|error reading from server: EOF|code = Unavailable/i, transient: true,
    reason: 'connection lost' },
  { pattern: /temporary failure in name resolution|no such host/i, transient: true, reason: 'DNS failure' },
];

export interface Verdict {
  id?: Failure['id'];
  transient: boolean;
  reason: string;
  fix?: string;
  /** Attempts in all that this failure is worth, when fewer than `retries` allows. */
  maxAttempts?: number;
}

/**
 * A registry's 401 after its token service issued a token for the runner's login: expired early or
 * too narrow. BuildKit fetched a fresh token once before giving up; one more attempt gets new ones.
 */
export const TOKEN_REFUSED: Verdict = {
  transient: true, maxAttempts: 2,
  reason: 'the registry refused a token its token service issued for this login (expired or too narrow)',
  fix: 'the login is accepted, its token is not: a token that may push to this repository (e.g. ' +
    '`permissions: packages: write` for GITHUB_TOKEN), and the registry\'s and its token service\'s clocks in step',
};

const UNKNOWN: Verdict = { transient: false, reason: 'not a known transient failure' };

/**
 * The verdict on a failure from its error text (buildx's final error). A fix may also come from
 * `context`, the lines before it: a RUN step's `exec format error` shows only there, above the
 * final "did not complete successfully".
 */
export function classify(errorText: string, context = ''): Verdict {
  const found = FAILURES.find((f) => f.pattern.test(errorText));
  const fix = FAILURES.find((f) => f.fix && f.pattern.test(errorText))?.fix ??
    FAILURES.find((f) => f.fix && f.pattern.test(context))?.fix;
  if (!found) return fix ? { ...UNKNOWN, fix } : UNKNOWN;
  const verdict: Verdict = found.id ? { id: found.id, transient: found.transient, reason: found.reason }
    : { transient: found.transient, reason: found.reason };
  return fix ? { ...verdict, fix } : verdict;
}

export function isTransient(errorText: string): boolean {
  return classify(errorText).transient;
}

/** Whether an error text is the known failure `id`. */
export function isFailure(id: NonNullable<Failure['id']>, errorText: string): boolean {
  return FAILURES.find((f) => f.id === id)?.pattern.test(errorText) ?? false;
}

/** The fix of the known failure `id`. */
export function fixOf(id: NonNullable<Failure['id']>): string {
  return FAILURES.find((f) => f.id === id)?.fix ?? '';
}
