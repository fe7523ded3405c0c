// What every bench does: the bare commands and the action, one after the other, round after
// round (so drift on the machine hits both alike), and the median of each.

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

export interface Rounds {
  bare: number[];
  action: number[];
}

/** `rounds` interleaved timings (seconds) of each side; `before` runs ahead of each, outside its time. */
export async function interleaved(
  rounds: number,
  bare: () => number,
  action: () => Promise<number>,
  before: () => void = () => undefined,
): Promise<Rounds> {
  const times: Rounds = { bare: [], action: [] };
  for (let i = 0; i < rounds; i++) {
    before();
    times.bare.push(bare());
    before();
    times.action.push(await action());
  }
  return times;
}
