// The local CLI: the same pipeline as the action, outside GitHub. Only the adapter differs: flags
// become the INPUT_* variables the runner would set, the step's files live in a temporary folder,
// the log goes to stderr, and stdout gets the outputs as JSON (then the summary as text on stderr).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCliArgs, parseFileCommands, summaryText } from './cli-args.js';
import { INPUT_NAMES } from '../inputs/action-inputs.js';
import { errorMessage } from '../shared/errors.js';
import { run } from '../main.js';
import { post } from '../post.js';
import { exitWhenFlushed } from '../runtime/exit.js';

async function cli(): Promise<number> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2), INPUT_NAMES);
  } catch (error) {
    process.stderr.write(`multiarch-build: ${errorMessage(error)}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`usage: multiarch-build [--INPUT VALUE]...\n\ninputs (as in action.yml): ` +
      `${INPUT_NAMES.map((n) => `--${n}`).join(' ')}\n\nPrints the outputs as JSON on stdout; the log and ` +
      'the summary go to stderr. Example:\n  multiarch-build --context . --builder default ' +
      '--platforms linux/amd64,linux/arm64 --tags localhost:5000/app:dev --push\n');
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'multiarch-build-cli-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary') };
  for (const [name, file] of Object.entries(files)) {
    writeFileSync(file, '');
    process.env[name] = file;
  }
  for (const [name, value] of Object.entries(args.inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
  process.env.RUNNER_TEMP ??= dir;

  const stdoutWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    await run();
    const mainCode = process.exitCode ?? 0;
    // The post step, with the state the main step saved, as the runner runs it.
    for (const [k, v] of Object.entries(parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8')))) {
      process.env[`STATE_${k}`] = v;
    }
    await post();
    process.stdout.write = stdoutWrite;
    stdoutWrite(`${JSON.stringify(parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')), null, 2)}\n`);
    const summary = summaryText(readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'));
    if (summary) process.stderr.write(`\n${summary}\n`);
    return Number(mainCode);
  } finally {
    process.stdout.write = stdoutWrite;
    rmSync(dir, { recursive: true, force: true });
  }
}

void cli().then((code) => exitWhenFlushed(code));
