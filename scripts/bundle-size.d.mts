// Types for scripts/bundle-size.mjs (plain ESM so it runs with node directly).
export interface BundleScenario {
  id: string;
  label: string;
  source: string;
  budget?: number;
}
export interface BundleSize {
  id: string;
  label: string;
  minified: number;
  gzip: number;
  budget?: number;
  code: string;
}
export const SCENARIOS: BundleScenario[];
export function measureBundleSizes(projectDir: string, options?: { fromSource?: boolean }): Promise<BundleSize[]>;
export function formatTable(results: BundleSize[]): string;
