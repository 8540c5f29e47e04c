import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

/**
 * The web app: built into dist/web, which the gateway serves at `/`; `npm run dev:web` serves it
 * with live reload on :5173 and passes /api and /docs to the running gateway.
 */
export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: { '@mogul/contracts': fileURLToPath(new URL('../../libs/shared/contracts/src/index.ts', import.meta.url)) } },
  build: { outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)), emptyOutDir: true, sourcemap: true },
  server: { port: 5173, proxy: { '/api': gateway, '/docs': gateway } },
});
