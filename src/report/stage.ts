// A pipeline stage in its own log group, closed with how long it took.
import { endGroup, info, startGroup } from '@actions/core';

export async function stage<T>(title: string, work: () => Promise<T>): Promise<T> {
  startGroup(title);
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    info(`${title}: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    endGroup();
  }
}
