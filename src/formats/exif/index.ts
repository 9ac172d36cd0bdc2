// EXIF orientation: find the payload in JPEG/PNG/WebP bytes, read the Orientation tag, apply it to pixels.
export { readFileOrientation, readJpegOrientation, readPngOrientation, readWebpOrientation } from './file-orientation.js';
export { findExif, findJpegExif, findPngExif, findWebpExif } from './find.js';
export { readExifOrientation } from './orientation.js';
export { applyOrientation } from './transpose.js';
export { carriesOrientation, orientationTiff, withOrientation, withWebpOrientation } from './write.js';
