import { defineConfig } from 'vitest/config';
// @ts-expect-error: a plain .mjs script without types
import { actionInputsDefine } from '../scripts/action-inputs.mjs';

export default defineConfig({
  define: actionInputsDefine() as Record<string, string>,
  test: {
    include: ['bench/**/*.bench-run.ts'],
    // One bench at a time: two running together would time each other.
    fileParallelism: false,
    testTimeout: 600_000,
  },
});
