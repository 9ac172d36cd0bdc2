import { expect, it } from 'vitest';
import { platform } from '../src/platform-name.js';

// Guards the test set-up itself: each vitest project must really load the code path it is named for.
it('runs the code path the test project is named for', () => {
  expect(['node', 'portable']).toContain(process.env.PIXTEXT_PROJECT);
  expect(platform).toBe(process.env.PIXTEXT_PROJECT);
});
