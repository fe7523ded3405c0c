// The end of a step. It exits explicitly, so keep-alive sockets of registry reads cannot hold the
// step open; but not before what it wrote has left: output still queued for a slow pipe reader
// (a long failure tail, and the ::error:: line after it) would be dropped by an exit at once, and
// the step would fail with no reason shown. The wait has a hard deadline.

const flushed = (stream: NodeJS.WriteStream): Promise<void> =>
  new Promise((resolve) => {
    if (stream.writableLength === 0) resolve();
    else stream.write('', () => resolve());
  });

export async function exitWhenFlushed(code?: number, deadlineMs = 30_000): Promise<never> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, deadlineMs);
    timer.unref();
  });
  await Promise.race([Promise.all([flushed(process.stdout), flushed(process.stderr)]), deadline]);
  clearTimeout(timer);
  if (code !== undefined) process.exitCode = code;
  return process.exit(); // process.exit(undefined) would exit 0, whatever exitCode says
}
