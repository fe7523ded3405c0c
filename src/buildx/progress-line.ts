// One line of buildx's plain progress output, read once for every reader of it (step timings, the
// emulation watch): a step's header (`#8 [linux/arm64 build 2/3] RUN make`, the platform first
// when the stage has one), its output (`#8 12.3 text`), and how it ended (`DONE 84.3s`, `ERROR: ...`,
// `CANCELED`).
import { seenPlatform } from '../shared/platform.js';

export type ProgressLine =
  /** `platform`: where the step runs, normalized; a cross-compiling stage's is its build platform. */
  | { kind: 'header'; step: string; platform?: string; stage: string; command: string }
  | { kind: 'output'; step: string; text: string }
  | { kind: 'done'; step: string; seconds: number }
  | { kind: 'error'; step: string; message: string }
  | { kind: 'canceled'; step: string }
  /** A step answered from the build cache. */
  | { kind: 'cached'; step: string }
  /** A step of BuildKit's own, named without a stage (`#3 importing cache manifest from …`), or a status. */
  | { kind: 'vertex'; step: string; name: string };

// The platform is `os/arch[/variant]`, or `BUILD->TARGET` in a cross-compiling stage.
const HEADER = /^#(\d+) \[(?:(\w+\/[^\s\]]+) )?([^\]]+)\] (.*)$/;
const DONE = /^#(\d+) DONE (\d+(?:\.\d+)?)s$/;
const ERROR = /^#(\d+) ERROR: (.*)$/;
const CANCELED = /^#(\d+) CANCELED$/;
const CACHED = /^#(\d+) CACHED$/;
const OUTPUT = /^#(\d+) \d+\.\d+ (.*)$/;
const VERTEX = /^#(\d+) (\S.*)$/;

export function readProgressLine(text: string): ProgressLine | undefined {
  let m = HEADER.exec(text);
  if (m) {
    const [, step = '', shown, stage = '', command = ''] = m;
    // A cross-compiling stage (`BUILD->TARGET`) runs on the build platform.
    const platform = shown && seenPlatform(shown.split('->')[0] ?? shown);
    return platform ? { kind: 'header', step, platform, stage, command } : { kind: 'header', step, stage, command };
  }
  if ((m = DONE.exec(text))) return { kind: 'done', step: m[1] ?? '', seconds: Number(m[2]) };
  if ((m = ERROR.exec(text))) return { kind: 'error', step: m[1] ?? '', message: m[2] ?? '' };
  if ((m = CANCELED.exec(text))) return { kind: 'canceled', step: m[1] ?? '' };
  if ((m = CACHED.exec(text))) return { kind: 'cached', step: m[1] ?? '' };
  if ((m = OUTPUT.exec(text))) return { kind: 'output', step: m[1] ?? '', text: m[2] ?? '' };
  if ((m = VERTEX.exec(text))) return { kind: 'vertex', step: m[1] ?? '', name: m[2] ?? '' };
  return undefined;
}
