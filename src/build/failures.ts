// Which failures may pass if tried again (network blips, rate limits, a node still starting or
// lost mid-build) and which will not (a RUN step's exit code, a missing image, a denied login, a
// bad Dockerfile): one place, tested on real error texts.

const TRANSIENT: [RegExp, string][] = [
  [/failed to fetch oauth token|failed to authorize: DeadlineExceeded/i, 'registry token fetch failed'],
  [/context deadline exceeded|DeadlineExceeded/i, 'deadline exceeded'],
  [/i\/o timeout|timed? ?out/i, 'network timeout'],
  [/TLS handshake timeout/i, 'TLS handshake timeout'],
  [/connection refused/i, 'connection refused'],
  [/connection reset by peer/i, 'connection reset'],
  [/broken pipe/i, 'broken pipe'],
  [/unexpected EOF|error reading from server: EOF|code = Unavailable/i, 'connection lost'],
  [/toomanyrequests|\b429\b|Too Many Requests/i, 'rate limited (429)'],
  [/\b(502|503|504)\b|Bad Gateway|Service Unavailable|Gateway Timeout/i, 'server error (5xx)'],
  [/temporary failure in name resolution|no such host/i, 'DNS failure'],
];

const DETERMINISTIC: [RegExp, string][] = [
  [/did not complete successfully: exit code: \d+/, 'a RUN step exited non-zero'],
  [/dockerfile parse error|unknown instruction|failed to read dockerfile/i, 'a Dockerfile error'],
  [/manifest unknown|not found|pull access denied/i, 'an image or file does not exist'],
  [/\b(401|403)\b|unauthorized|denied/i, 'the registry refused the credentials'],
  [/invalid (reference|tag)|invalid argument/i, 'an invalid reference or argument'],
  [/x509:/i, 'a certificate the builder does not trust'],
];

export interface Verdict {
  transient: boolean;
  reason: string;
}

/**
 * Classifies a failure from buildx's error lines. A RUN step's non-zero exit always wins, whatever
 * its own output says (a test printing "connection refused" is still the test failing).
 */
export function classify(errorText: string): Verdict {
  const runExit = DETERMINISTIC[0] as [RegExp, string];
  if (runExit[0].test(errorText)) return { transient: false, reason: runExit[1] };
  const transient = TRANSIENT.find(([re]) => re.test(errorText));
  // An oauth token timeout mentions "DeadlineExceeded", not a denial: check it before the rest.
  if (transient && transient[1] === 'registry token fetch failed') return { transient: true, reason: transient[1] };
  const fixed = DETERMINISTIC.find(([re]) => re.test(errorText));
  if (fixed) return { transient: false, reason: fixed[1] };
  if (transient) return { transient: true, reason: transient[1] };
  return { transient: false, reason: 'not a known transient failure' };
}

export function isTransient(errorLine: string): boolean {
  return classify(errorLine).transient;
}
