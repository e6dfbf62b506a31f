/** `npx vite build` in demo/: the same build as `pnpm demo` runs (see server/buildPages.ts). */
import { defineConfig } from 'vite';
import { createPagesConfig } from './server/buildPages.js';

const { configFile: _configFile, ...config } = createPagesConfig();
export default defineConfig(config);
