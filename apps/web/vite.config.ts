import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves dist/ at `/` under a strict CSP (no inline scripts, no external hosts), so
// everything is bundled and no module-preload polyfill script is inlined. `vite` / `vite preview`
// proxy /api to a Homeward server on HOMEWARD_API (default http://127.0.0.1:8090) and send the
// same CSP, so a violation shows up in development too.
const api = process.env.HOMEWARD_API ?? 'http://127.0.0.1:8090';
const csp = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': api }, headers: { 'content-security-policy': csp } },
  preview: { proxy: { '/api': api }, headers: { 'content-security-policy': csp } },
});
