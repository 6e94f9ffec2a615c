// axe-core over the page as it stands, against WCAG 2.0/2.1/2.2 A and AA. A rule may be let off
// only for one selector and with a reason (an Allowance); everything else axe finds is collected
// per state and screen size, so one run reports every violation at once.
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';

import { saveScreenshot } from './screens';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** One rule let off for the elements `selector` matches, and why (kept in docs/accessibility.md too). */
export interface Allowance {
  rule: string;
  selector: string;
  why: string;
}

export class AxeAudit {
  /** "state @ WxH: rule (impact) target: summary", one line per element that fails. */
  readonly violations: string[] = [];
  /** How many times axe ran (each state at each size). */
  runs = 0;
  /** Time spent in axe itself (ms), to keep the gate's share of the run in view. */
  spentMs = 0;

  constructor(
    private readonly page: Page,
    private readonly testInfo: TestInfo,
    private readonly allowances: readonly Allowance[] = [],
  ) {}

  /**
   * Axe run in the page itself ("legacy" mode: the app has no frames, and the default mode opens a
   * blank page for every run), reporting violations only (passes are most of its report and time).
   */
  private builder(): AxeBuilder {
    return new AxeBuilder({ page: this.page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
  }

  /** Runs axe on the page as it is now; `state` names what is on screen. */
  async check(state: string): Promise<void> {
    const size = this.page.viewportSize();
    const where = `${state} @ ${size?.width}x${size?.height}`;
    const allowed = [...new Set(this.allowances.map((a) => a.rule))];
    // Every rule but the allowed ones on the whole page; then each allowed rule everywhere but its selectors.
    const passes = [this.builder().withTags(WCAG_TAGS).disableRules(allowed)];
    for (const rule of allowed) {
      let builder = this.builder().withRules([rule]);
      for (const a of this.allowances.filter((x) => x.rule === rule)) builder = builder.exclude(a.selector);
      passes.push(builder);
    }
    const found: string[] = [];
    const started = Date.now();
    for (const pass of passes) {
      const results = await pass.analyze();
      for (const v of results.violations) {
        for (const node of v.nodes)
          found.push(`${where}: ${v.id} (${v.impact}) ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`);
      }
    }
    this.spentMs += Date.now() - started;
    this.runs += 1;
    if (found.length > 0) {
      this.violations.push(...found);
      await saveScreenshot(this.page, `a11y-${this.testInfo.testId}-${this.runs}-${state.replace(/[^a-z0-9]+/gi, '-')}`);
    }
  }
}
