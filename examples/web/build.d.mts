// Types for build.mjs (plain ESM so `npm run demo:web` needs no TypeScript step).
export function buildDemo(options?: { minify?: boolean }): Promise<Map<string, string | Uint8Array>>;
