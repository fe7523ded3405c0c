// Runs a program with an argv array (never a shell), streams its output to the log, and keeps
// what the caller needs. The exit code is always checked by the caller; stderr is only a message.
import { debug } from '@actions/core';
import { spawn } from 'node:child_process';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  /** The last lines of stderr, for error messages. */
  stderrTail: string[];
  /** The command ran past `timeoutMs` and was stopped. */
  timedOut: boolean;
  /** The command was stopped by `signal`. */
  aborted?: boolean;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** The working directory (a bake definition's relative paths are read from it). */
  cwd?: string;
  /** Echo output to this process's stdout/stderr (the build log). */
  stream?: boolean;
  input?: string;
  tailLines?: number;
  /** Stop the command (SIGTERM, then SIGKILL) after this long. */
  timeoutMs?: number;
  /** Hears every whole line of stderr as it comes (e.g. buildx's progress). */
  onStderrLine?: (line: string) => void;
  /**
   * After this long the command is asked to finish (SIGTERM) and its result is read as it ends:
   * for a command whose work is done early and whose tail may wait (buildx create saves a node at
   * once, then waits up to 20 s to load a node that does not answer, and ends cleanly on SIGTERM).
   */
  finishAfterMs?: number;
  /** Stops the command (SIGINT, as a person would, then SIGTERM and SIGKILL) when aborted. */
  signal?: AbortSignal;
}

export function runCommand(
  file: string,
  args: readonly string[],
  opts: RunOptions = {},
): Promise<CommandResult> {
  // Secrets never travel in argv, so every command line can be shown with step debug logging on.
  debug(`run: ${JSON.stringify([file, ...args])}`);
  const tailLines = opts.tailLines ?? 40;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: opts.env ?? process.env,
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      shell: false,
    });
    const out: Buffer[] = [];
    let errText = '';
    const stop = (first: NodeJS.Signals): void => {
      child.kill(first);
      setTimeout(() => child.kill('SIGTERM'), 2000).unref();
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      out.push(chunk);
      if (opts.stream) process.stdout.write(chunk);
    });
    const finish = opts.finishAfterMs === undefined ? undefined
      : setTimeout(() => child.kill('SIGTERM'), opts.finishAfterMs);
    let aborted = false;
    const onAbort = (): void => {
      aborted = true;
      stop('SIGINT');
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    let partial = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (opts.stream) process.stderr.write(chunk);
      if (opts.onStderrLine) {
        const lines = (partial + chunk.toString('utf8')).split(/\r?\n/);
        partial = lines.pop() ?? '';
        for (const line of lines) opts.onStderrLine(line);
      }
      errText += chunk.toString('utf8');
      // Bound memory on long builds: keep a generous tail only.
      if (errText.length > 256 * 1024) errText = errText.slice(-128 * 1024);
    });
    let timedOut = false;
    const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    }, opts.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${file}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(finish);
      opts.signal?.removeEventListener('abort', onAbort);
      const lines = errText.split(/\r?\n/).filter((l) => l.trim() !== '');
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderrTail: lines.slice(-tailLines),
        timedOut,
        ...(aborted ? { aborted } : {}),
      });
    });
    if (opts.input !== undefined && child.stdin) child.stdin.end(opts.input);
  });
}

/** The last line a command wrote to stderr that says something: the docker CLI's error line. */
export function lastLine(stderrTail: readonly string[]): string {
  return stderrTail.map((l) => l.trim()).filter((l) => l !== '').at(-1) ?? 'no output';
}
