// The image side of the UDP example: an image file becomes an envelope before it is sent, and the received
// envelope becomes pixels again. Everything about the network is in udp-transfer.mjs.
import { encode, imageToText, textToImage } from 'pixtext';
import { sendText } from './udp-transfer.mjs';

/**
 * Sends the image in `fileBytes` (PNG, BMP or JPEG) as a pixtext envelope. `encoding` is the envelope's payload:
 * `'original'` (default) carries the file's own bytes untouched, `'raw'` the pixels, `'png'` a re-encoded PNG.
 * @param {Uint8Array} fileBytes
 * @param {Parameters<typeof sendText>[1] & { encoding?: 'original' | 'raw' | 'png' | 'bmp' | 'jpeg' }} options
 */
export function sendImage(fileBytes, options) {
  const { encoding = 'original', ...network } = options;
  return sendText(imageToText(fileBytes, { encoding }), network);
}

/**
 * Turns a received envelope into its image, and a PNG file of it.
 * @param {string} text
 * @returns {{ image: import('pixtext').RawImage, png: Uint8Array }}
 */
export function imageFromText(text) {
  const image = textToImage(text);
  return { image, png: encode(image, 'png') };
}
