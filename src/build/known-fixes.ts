// Errors users hit, with the cause and the fix named (the seeds' troubleshooting).

const FIXES: [RegExp, string][] = [
  [/exec format error/i,
    'a platform ran without a QEMU handler: keep `qemu: auto` (or `true`), or add a node that builds it natively'],
  [/multiple platforms feature is currently not supported for docker driver|Multi-platform build is not supported for the docker driver/i,
    'the engine\'s own builder needs the containerd image store for several platforms: leave `builder` empty so ' +
    'the action creates a builder, or turn on the engine\'s containerd-snapshotter feature'],
  [/x509: certificate signed by unknown authority|x509: certificate is not valid|failed to verify certificate/i,
    'the builder does not trust the registry\'s certificate: give the CA to the builder (for the engine\'s own ' +
    'builder, /etc/docker/certs.d/HOST:PORT/ca.crt)'],
  [/insufficient_scope|unauthorized|authentication required|denied: |403 Forbidden|401 Unauthorized/i,
    'the registry refused the credentials: log in first (docker/login-action) with a token that may push there'],
  [/no space left on device/i, 'the disk is full: prune the build cache or give BuildKit a smaller GC limit'],
  [/is not a docker command|unknown command "buildx"|docker-buildx: not found/i,
    'buildx is not installed: install the docker-buildx plugin (or docker/setup-buildx-action\'s binary)'],
];

/** The fix for an error line, if it is one users are known to hit. */
export function knownFix(errorText: string): string | undefined {
  return FIXES.find(([re]) => re.test(errorText))?.[1];
}
