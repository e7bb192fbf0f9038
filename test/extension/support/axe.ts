/**
 * The accessibility check of the browser tests: axe-core (through @axe-core/playwright) on a page or a part of it,
 * WCAG 2.x A and AA rules plus axe's best practices, keeping the violations whose impact is serious or critical.
 * Each is described by its rule and the elements it found, so a failure names what to fix.
 */
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const BLOCKING = new Set(["serious", "critical"]);

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * axe on `page`, within `include` (a CSS selector; axe descends into open shadow roots) when given: the serious and
 * critical violations, which fail a test, and every violation as a `rule (impact): targets` line for the run's log.
 */
export async function axeCheck(page: Page, include?: string): Promise<{ serious: AxeFinding[]; all: string[] }> {
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const targets = (nodes: (typeof violations)[number]["nodes"]) => nodes.map((node) => node.target.map(String).join(" >>> "));
  return {
    serious: violations
      .filter((violation) => BLOCKING.has(violation.impact ?? ""))
      .map((violation) => ({ rule: violation.id, impact: violation.impact ?? "", help: violation.help, targets: targets(violation.nodes) })),
    all: violations.map((violation) => `${violation.id} (${violation.impact}): ${targets(violation.nodes).join(", ")}`),
  };
}
