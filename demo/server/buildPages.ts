/**
 * Builds the demo's browser pages (demo/pages → demo/dist) with Vite: the plain page, the React page
 * and the browser check page. The workspace packages are bundled from their sources (the `source`
 * export condition), so nothing needs building first.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defaultClientConditions, type InlineConfig } from 'vite';

const demoDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const pagesDir = join(demoDir, 'pages');

/** Where `pnpm demo` builds the pages to. */
export const DEFAULT_PAGES_OUT_DIR = join(demoDir, 'dist');

/**
 * The Vite configuration of the pages (also demo/vite.config.ts, for `vite build` by hand).
 *
 * @param outDir - Where the built pages go.
 * @returns A Vite inline config with one input per page.
 */
export function createPagesConfig(outDir: string = DEFAULT_PAGES_OUT_DIR): InlineConfig {
  return {
    configFile: false,
    root: pagesDir,
    base: '/',
    mode: 'production',
    logLevel: 'warn',
    plugins: [react()],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    build: {
      outDir,
      emptyOutDir: true,
      // React, Apollo Client and graphql-js in one demo chunk: larger than Vite's 500 kB warning, and fine here.
      chunkSizeWarningLimit: 1500,
      rollupOptions: {
        input: {
          index: join(pagesDir, 'index.html'),
          plain: join(pagesDir, 'plain/index.html'),
          react: join(pagesDir, 'react/index.html'),
          check: join(pagesDir, 'check/index.html'),
        },
      },
    },
  };
}

/**
 * Builds the pages.
 *
 * @param outDir - Where the built pages go (emptied first).
 * @returns `outDir`, for `startProductServer(port, delays, { pagesDir })`.
 */
export async function buildPages(outDir: string = DEFAULT_PAGES_OUT_DIR): Promise<string> {
  await build(createPagesConfig(outDir));
  return outDir;
}
