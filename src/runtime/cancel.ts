// A cancelled job: the runner sends SIGINT, then SIGTERM 7.5 s later, then runs the post step.
// The first signal stops the running buildx as a person would (SIGINT, which cancels its build
// session, so the node drops the build and pushes nothing more), and nothing is tried again; a
// second signal ends the step at once.
import { info } from '@actions/core';
import { exitWhenFlushed } from './exit.js';

export interface Cancellation {
  signal: AbortSignal;
  dispose: () => void;
}

export function onCancel(): Cancellation {
  const controller = new AbortController();
  const handle = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      info(`${name} again: ending the step now`);
      void exitWhenFlushed(1, 2000);
      return;
    }
    info(`${name}: the job is cancelled; stopping buildx`);
    controller.abort(new Error(`the job was cancelled (${name})`));
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handle);
      process.off('SIGTERM', handle);
    },
  };
}
