// QEMU's own words when the program it emulates dies (linux-user's signal and loader paths), as a
// RUN step's output shows them: `qemu: uncaught target signal 11 (Segmentation fault) - core dumped`,
// `qemu: unhandled CPU exception 0x8 - aborting`, `qemu-aarch64: Could not open
// '/lib/ld-linux-aarch64.so.1': No such file or directory` (a handler without the fix-binary flag).

export interface QemuCrash {
  /** The line as QEMU printed it. */
  line: string;
  /** The guest signal for `uncaught target signal N`. */
  signal?: number;
  /** What went wrong, in words: `Segmentation fault`, `an unhandled CPU exception`, ... */
  what: string;
  /**
   * Whether one more attempt may pass. Segfaults and bus errors under QEMU come and go with thread
   * timing (they pass on a second or third run); an instruction QEMU does not emulate, a CPU
   * exception it cannot handle or a loader it cannot find fail the same way every time.
   */
  intermittent: boolean;
  /** The loader QEMU could not open, for the fix-binary fix. */
  loader?: string;
}

const SIGNAL = /\bqemu: uncaught target signal (\d+) \(([^)]+)\)/;
const CPU_EXCEPTION = /\bqemu: (?:fatal: )?unhandled CPU exception/;
const LOADER = /\bqemu-[\w-]+: Could not open '([^']+)'/;

/** Signals whose crash under QEMU is known to come and go: SIGSEGV and SIGBUS. */
const INTERMITTENT_SIGNALS = new Set([11, 7]);

export function qemuCrashIn(text: string): QemuCrash | undefined {
  const line = text.trim();
  let m = SIGNAL.exec(line);
  if (m) {
    const signal = Number(m[1]);
    return { line, signal, what: m[2] ?? `signal ${signal}`, intermittent: INTERMITTENT_SIGNALS.has(signal) };
  }
  if (CPU_EXCEPTION.test(line)) return { line, what: 'an unhandled CPU exception', intermittent: false };
  if ((m = LOADER.exec(line))) {
    return { line, what: `its loader ${m[1]} could not be opened`, intermittent: false, loader: m[1] ?? '' };
  }
  return undefined;
}
