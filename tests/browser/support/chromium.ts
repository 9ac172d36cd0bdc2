// Finding and launching Debian's Chromium for the browser tests, and the rule for when it is missing:
// with PIXTEXT_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser FAILS; otherwise the suite is replaced by one
// visibly skipped test whose name says how to enable it, plus a console warning, so nothing is skipped silently.
import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { describe, it } from 'vitest';

/** Where Debian's `chromium` package puts the browser. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach Google on a machine with no network.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export interface ChromiumStatus {
  executablePath: string;
  available: boolean;
  /** True when PIXTEXT_REQUIRE_BROWSER=1: a missing browser must fail the run. */
  required: boolean;
  /** The message shown when the browser is missing. */
  message: string;
}

export function chromiumStatus(): ChromiumStatus {
  const executablePath = process.env.PIXTEXT_CHROMIUM || DEFAULT_CHROMIUM_PATH;
  let available = true;
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    available = false;
  }
  return {
    executablePath,
    available,
    required: process.env.PIXTEXT_REQUIRE_BROWSER === '1',
    message:
      `browser tests skipped: Chromium not found at ${executablePath}; ` +
      'install it with apt-get install chromium or set PIXTEXT_CHROMIUM',
  };
}

export function launchChromium(status = chromiumStatus()): Promise<Browser> {
  return chromium.launch({ executablePath: status.executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * `describe(name, body)` when Chromium is there. Otherwise: a failing test when the browser is required, else one
 * skipped test named with the reason (and a console warning), so the report shows why and how to enable it.
 */
export function describeInChromium(name: string, body: () => void): void {
  const status = chromiumStatus();
  if (status.available) {
    // Launching a browser and bundling take seconds on a busy 2-core machine: more than vitest's 5 s default.
    describe(name, { timeout: 60_000 }, body);
    return;
  }
  if (status.required) {
    describe(name, () => {
      it('needs Chromium because PIXTEXT_REQUIRE_BROWSER=1', () => {
        throw new Error(`Chromium not found at ${status.executablePath} and PIXTEXT_REQUIRE_BROWSER=1: ${status.message}`);
      });
    });
    return;
  }
  console.warn(`\n*** pixtext: ${status.message} ***\n`);
  describe(name, () => {
    it.skipIf(true)(status.message, () => {});
  });
}
