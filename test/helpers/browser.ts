import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { describe, it } from 'vitest';
import { isCi, warnLoudly } from './environment.ts';

/** Debian's Chromium, which .ci/run installs; CHROMIUM_PATH points elsewhere. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export function hasChromium(): boolean {
  try {
    accessSync(chromiumPath(), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Closes Chromium and deletes its profile folder. */
  close(): Promise<void>;
}

// The machines have no network but loopback: without the background-networking flags
// Chromium keeps trying (and failing) to reach Google's hosts. As root it needs --no-sandbox.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts headless Chromium with a fresh, empty profile. Launching costs about a second:
 * open one per file in `beforeAll` and a page per test (`context.newPage()`).
 */
export async function launchBrowser(
  options: {
    viewport?: { width: number; height: number };
    locale?: string;
    javaScriptEnabled?: boolean;
  } = {},
): Promise<LaunchedBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'dossier-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: options.locale ?? 'en-US',
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async close() {
      try {
        await context.close();
      } finally {
        await rm(profile, { recursive: true, force: true });
      }
    },
  };
}

/**
 * `describe` for suites that drive Chromium. Without Chromium, CI fails (a failing test names
 * the missing path) and a developer's run skips the suite with a loud message.
 */
export function describeBrowser(name: string, fn: () => void): void {
  if (hasChromium()) {
    describe(name, fn);
  } else if (isCi()) {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(
          `Chromium not found at ${chromiumPath()}: .ci/run installs Debian's chromium package (or set CHROMIUM_PATH).`,
        );
      });
    });
  } else {
    warnLoudly(
      `Browser tests SKIPPED (${name}): no Chromium at ${chromiumPath()}; apt-get install chromium or set CHROMIUM_PATH`,
    );
    describe.skip(name, fn);
  }
}
