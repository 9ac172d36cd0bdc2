// Types for scripts/bundle-size.mjs (plain ESM so it runs with node directly).
export interface BundleFeature {
  id: string;
  label: string;
  source: string;
  /** Largest allowed minified + gzip -9 size, in bytes. */
  ceiling: number;
  /** Why the ceiling is what it is. */
  why: string;
}
export interface BundleSize {
  id: string;
  label: string;
  minified: number;
  gzip: number;
  ceiling: number;
  why: string;
  code: string;
}
export const FEATURES: BundleFeature[];
export function measureBundleSizes(projectDir: string, options?: { fromSource?: boolean }): Promise<BundleSize[]>;
export function formatTable(results: BundleSize[]): string;
