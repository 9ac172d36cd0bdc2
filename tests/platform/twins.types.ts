// Each `*.node.ts` twin must export exactly what its browser-safe file exports, with identical types: the Node
// build swaps one for the other at every import, so any difference would be a type error in one build only.
// `npx tsc --noEmit` checks this file; tests/platform/twins.test.ts checks that it lists every twin in src/.

/** true when A and B are the same type (not merely assignable either way: optional parameters must match too). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Fails to compile unless its argument is `true`. */
type Check<T extends true> = T;

export type Base64Twin = Check<Same<typeof import('../../src/base64/base64.node.js'), typeof import('../../src/base64/base64.js')>>;
export type Crc32Twin = Check<Same<typeof import('../../src/checksum/crc32.node.js'), typeof import('../../src/checksum/crc32.js')>>;
export type PlatformNameTwin = Check<Same<typeof import('../../src/platform-name.node.js'), typeof import('../../src/platform-name.js')>>;
export type TextFileTwin = Check<Same<typeof import('../../src/stream/text-file.node.js'), typeof import('../../src/stream/text-file.js')>>;
export type ZlibTwin = Check<Same<typeof import('../../src/zlib/zlib.node.js'), typeof import('../../src/zlib/zlib.js')>>;
