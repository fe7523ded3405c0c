import { defineConfig } from 'vitest/config';
// @ts-expect-error: a plain .mjs script without types
import { actionInputsDefine } from './scripts/action-inputs.mjs';

export default defineConfig({
  define: actionInputsDefine() as Record<string, string>,
  test: {
    include: ['__tests__/unit/**/*.test.ts'],
    environment: 'node',
  },
});
