import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // @foyer/shared is pure (schemas, constants, helpers): let unused zod schemas be dropped from the bundle.
      treeshake: {
        moduleSideEffects: (id: string) => !/[\\/](shared[\\/]dist|zod)[\\/]/.test(id),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false, ws: true },
    },
  },
});
