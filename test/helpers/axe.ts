import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface AxeViolation {
  /** The rule, e.g. `image-alt`. */
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  /** One CSS selector path per offending element (frames joined with ` >>> `). */
  targets: string[];
}

const RUN_ONLY = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * Runs axe-core in the page as it is now (WCAG 2.1 A/AA plus best practices) and returns its
 * violations; an empty array means none were found. Assert with
 * `expect(violations, formatAxeViolations(violations)).toEqual([])`.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = () => page.evaluate(() => 'axe' in window);
  if (!(await loaded())) {
    await page.addScriptTag({ content: axe.source }).catch(() => undefined);
    // Our pages send a Content-Security-Policy that blocks inline scripts, so the tag above
    // may not run; evaluate() goes through the DevTools protocol, which CSP does not govern.
    if (!(await loaded())) await page.evaluate(`${axe.source};0`);
  }
  return page.evaluate(async (runOnly) => {
    const { axe: inPage } = window as unknown as { axe: typeof axe };
    const results = await inPage.run(document, { runOnly, resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      targets: violation.nodes.map((node) =>
        node.target.map((part) => (Array.isArray(part) ? part.join(' ') : part)).join(' >>> '),
      ),
    }));
  }, RUN_ONLY);
}

/** One line per violation and one per element: readable as an assertion message. */
export function formatAxeViolations(violations: readonly AxeViolation[]): string {
  if (violations.length === 0) return 'no accessibility violations';
  const lines = [`${violations.length} accessibility violation(s):`];
  for (const v of violations) {
    lines.push(`  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const target of v.targets) lines.push(`      at ${target}`);
  }
  return lines.join('\n');
}
