// Which failures may pass if tried again (network blips, a node still starting) and which will
// not (a missing image, a denied login): one place, tested on real error texts.

const TRANSIENT = [
  /context deadline exceeded/i,
  /DeadlineExceeded/,
  /timed? ?out/i,
  /connection refused/i,
  /connection reset by peer/i,
  /i\/o timeout/i,
  /TLS handshake timeout/i,
  /unexpected EOF/i,
  /\b(502|503|504)\b/,
  /Bad Gateway|Service Unavailable|Gateway Timeout/i,
  /toomanyrequests|\b429\b|Too Many Requests/i,
  /failed to fetch oauth token/i,
  /temporary failure in name resolution|no such host/i,
  /broken pipe/i,
];

const DETERMINISTIC = [
  /not found|manifest unknown|pull access denied/i,
  /\b(401|403)\b|unauthorized|denied/i,
  /invalid (reference|tag)|invalid argument/i,
];

export function isTransient(errorLine: string): boolean {
  if (DETERMINISTIC.some((re) => re.test(errorLine)) && !/failed to fetch oauth token/i.test(errorLine)) {
    return false;
  }
  return TRANSIENT.some((re) => re.test(errorLine));
}
