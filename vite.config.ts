import { defineConfig } from 'vite';
import basicSsl from '@vitejs/plugin-basic-ssl';

// `npm start -- --host` exposes the dev server on the LAN; a headset only grants WebXR to a secure
// context, so LAN serving is HTTPS with a self-signed certificate. Plain localhost stays HTTP.
const servesLan = process.argv.includes('--host');

export default defineConfig({
  publicDir: 'assets',
  plugins: servesLan ? [basicSsl()] : [],
  resolve: {
    // iwer / @iwer/sem bring their own three otherwise.
    dedupe: ['three'],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
