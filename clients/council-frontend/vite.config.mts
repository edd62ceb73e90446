import { defineConfig } from 'vite';

// Vite 8 compiles TSX itself (oxc); React's automatic runtime needs no plugin.
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
});
