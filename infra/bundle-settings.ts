import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * How every function is bundled, in one place for CDK (ServiceFunction), the bench and the
 * bundle-size test, so what they measure is what deploys.
 */

const PROJECT_ROOT = join(__dirname, '..');

/** The Node.js 22 runtime ships SDK v3; bundling our own would quadruple cold-start size. */
export const BUNDLE_EXTERNALS = ['@aws-sdk/*'];

/**
 * Packages swapped for smaller equivalents. fontkit needs brotli only to open WOFF2 fonts (we
 * embed TTF); Node's zlib decompresses brotli natively, so its 475 KB JavaScript decoder goes.
 * Paths are relative to the project root, where esbuild runs.
 */
export const BUNDLE_ALIASES: Record<string, string> = {
  'brotli/decompress.js': './shared/documents/shims/brotli-decompress.js',
};

/** The largest bundle a function may have, and the exception: pdfkit and fontkit (see docs/benchmarks.md#what-is-left-above-the-aim). */
export const BUNDLE_LIMIT_BYTES = 250 * 1024;
export const LETTER_BUNDLE_LIMIT_BYTES = 650 * 1024;
/**
 * The second exception: the WebAuthn ceremonies (passkey options, registration, sign-in) bundle
 * @simplewebauthn/server, whose index pulls in every attestation format's certificate parsers
 * (@peculiar/asn1-*, about 400 KB; the package declares no sideEffects, so esbuild keeps them).
 * Listing and removing passkeys do not import it.
 */
export const PASSKEY_BUNDLE_LIMIT_BYTES = 650 * 1024;

/** esbuild's JavaScript API options matching ServiceFunction's bundling (run from the project root). */
export const ESBUILD_OPTIONS = {
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: BUNDLE_EXTERNALS,
  alias: BUNDLE_ALIASES,
  absWorkingDir: PROJECT_ROOT,
} satisfies BuildOptions;
