// Every `*.node.ts` twin in src/ has its type check in twins.types.ts (which `npx tsc --noEmit` compiles), so a new
// twin cannot be added without one.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const src = new URL('../../src/', import.meta.url);
const checks = readFileSync(new URL('twins.types.ts', import.meta.url), 'utf8');

const twins = (readdirSync(src, { recursive: true }) as string[])
  .map((path) => path.replaceAll('\\', '/'))
  .filter((path) => path.endsWith('.node.ts'))
  .sort();

describe('Node twins', () => {
  it('exist (the check below is not vacuous)', () => {
    expect(twins).toContain('zlib/zlib.node.ts');
  });

  it.each(twins)('%s has its exact-type check against its browser-safe file', (twin) => {
    const base = twin.slice(0, -'.node.ts'.length);
    const check = `Check<Same<typeof import('../../src/${base}.node.js'), typeof import('../../src/${base}.js')>>`;
    expect(checks).toContain(check);
  });

  it('checks no twin that does not exist', () => {
    const listed = [...checks.matchAll(/import\('\.\.\/\.\.\/src\/([^']+)\.node\.js'\)/g)].map((m) => `${m[1]}.node.ts`).sort();
    expect(listed).toEqual(twins);
  });
});
