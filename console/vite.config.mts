import { defineConfig } from 'vite';

/**
 * The staff console and parent portal: one static app (Preact, ~5 KB) that `npm start` serves
 * at `/` and CDK deploys to S3 behind CloudFront. No inline script or style, so the strict
 * content security policy (infra/console-policy.ts) holds.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inlined assets would become data: URLs; keep every asset a file the policy allows.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
});
