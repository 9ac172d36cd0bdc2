/** Which build this is: `'portable'` (browser-safe) or `'node'` (Node fast paths). Useful in bug reports. */
export const platform: 'portable' | 'node' = 'portable';
