import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Workspace packages export their TypeScript sources under the `source` condition, so tests run
    // against src/ without a build step.
    conditions: ['source', 'module', 'import', 'default'],
  },
  ssr: {
    resolve: {
      conditions: ['source', 'module', 'node', 'import', 'default'],
      externalConditions: ['source'],
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    typecheck: {
      enabled: true,
      include: ['packages/*/src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
