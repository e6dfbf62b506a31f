import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Apollo Client 3.14, installed in test/ under the alias `@apollo/client-3`. Resolved to its real path
 * so that the aliased `@apollo/client` imports (the link's) and the tests' `@apollo/client-3` imports
 * load the very same modules.
 */
const apolloClient3 = realpathSync(fileURLToPath(new URL('./test/node_modules/@apollo/client-3', import.meta.url)));

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
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: 'node_modules/.vitest/results.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [...configDefaults.exclude, 'test/apollo3/**'],
          environment: 'node',
          // Yoga for the Apollo React tests, outside their happy-dom environment.
          globalSetup: ['test/apollo/yogaGlobalSetup.ts'],
          typecheck: {
            enabled: true,
            include: ['packages/*/src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        // Apollo Client 3.14: the link imports `@apollo/client`, which here must be Apollo Client 3.
        extends: true,
        resolve: {
          alias: [{ find: /^@apollo\/client(?=$|\/)/, replacement: apolloClient3 }],
        },
        test: {
          name: 'apollo3',
          include: ['test/apollo3/**/*.test.ts', 'test/apollo3/**/*.test.tsx'],
          environment: 'node',
        },
      },
    ],
  },
});
