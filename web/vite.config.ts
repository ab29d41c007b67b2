import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { compression } from "vite-plugin-compression2";

const devApi = process.env.GLIDER_DEV_API ?? "http://127.0.0.1:8080";

// The server (glider) embeds dist/ and serves the .br/.gz siblings when the browser accepts them.
export default defineConfig({
  plugins: [
    react(),
    compression({ algorithms: ["gzip", "brotliCompress"], threshold: 1024, deleteOriginalAssets: false }),
  ],
  build: { target: "es2022", sourcemap: false, chunkSizeWarningLimit: 600 },
  server: {
    port: 5173,
    // The dev server proxies to a running glider. The socket handshake's Origin is rewritten to
    // the server's own, which glider accepts with a cookie (docs/realtime.md).
    proxy: {
      "/api": { target: devApi, ws: true, headers: { origin: devApi } },
      "/ws": { target: devApi, ws: true, headers: { origin: devApi } },
    },
  },
  test: { environment: "jsdom", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
