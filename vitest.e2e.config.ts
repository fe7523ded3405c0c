import { defineConfig } from 'vitest/config';
// @ts-expect-error: a plain .mjs script without types
import { actionInputsDefine } from './scripts/action-inputs.mjs';

// End-to-end tests drive the built dist against the real bed: engines, buildx, QEMU, registry.
export default defineConfig({
  define: actionInputsDefine() as Record<string, string>,
  test: {
    include: ['__tests__/e2e/**/*.test.ts'],
    globalSetup: ['__tests__/e2e/helpers/global-setup.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Builds share two cores and one engine: run files one after another.
    fileParallelism: false,
  },
});
