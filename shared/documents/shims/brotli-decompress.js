// fontkit needs brotli only to open WOFF2 fonts; Node's zlib decompresses brotli natively, so the
// bundles use this instead of the `brotli` package's 475 KB JavaScript decoder.
const { brotliDecompressSync } = require('node:zlib');

module.exports = function decompress(buffer) {
  return new Uint8Array(brotliDecompressSync(buffer));
};
