import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built dist against the real bed: engines, buildx, QEMU, registry.
export default defineConfig({
  test: {
    include: ['__tests__/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Builds share two cores and one engine: run files one after another.
    fileParallelism: false,
  },
});
