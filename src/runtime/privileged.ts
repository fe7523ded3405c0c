// Commands that need root: run as they are when the action is root, through `sudo -n` otherwise
// (hosted runners are not root but have passwordless sudo). argv only.
import { runCommand, type CommandResult, type RunOptions } from './run-command.js';

export function asRoot(file: string, args: readonly string[], opts: RunOptions = {}): Promise<CommandResult> {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return root ? runCommand(file, args, opts) : runCommand('sudo', ['-n', file, ...args], opts);
}
