import type { QRCode, QRCodeOptions } from 'qrcode';

/**
 * qrcode's encoder alone: its main module also loads the PNG, SVG and terminal renderers and
 * pngjs (about 40 KB more in a bundle); letters draw the symbol as vector shapes and mails as a
 * table, so only the module matrix is needed.
 */
export const createQr = (require('qrcode/lib/core/qrcode') as { create(text: string, options?: QRCodeOptions): QRCode }).create;
