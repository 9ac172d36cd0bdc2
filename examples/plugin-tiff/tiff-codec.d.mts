import type { ImageCodec } from 'pixtext';
/** TIFF as a plug-in codec (first image, 8-bit RGBA), built on utif2. */
export declare const tiffCodec: ImageCodec<'tiff'>;
