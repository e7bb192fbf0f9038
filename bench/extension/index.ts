/**
 * Extension benchmark: the content script's size (raw and gzip, against its budget in test/extension/support/content-script-budget.ts) in the release build, and the
 * time from a user page's load to the overlay showing the Persona case (median over runs, warm worker).
 */
import { measureOverlayTime, type OverlayTime } from "./overlay-time";
import { type ContentScriptSize, measureContentScript } from "./size";

export type ExtensionSection = { measuredAt: string; node: string; contentScript: ContentScriptSize; overlay: OverlayTime };

export async function runExtensionBench(log: (line: string) => void): Promise<ExtensionSection> {
  log("building the release extension and sizing its content script");
  const contentScript = await measureContentScript();
  log(`content script: ${contentScript.script.rawBytes} B raw, ${contentScript.script.gzipBytes} B gzip`);
  log("starting the stack, the fake admin console and Chromium");
  const overlay = await measureOverlayTime(log);
  return { measuredAt: new Date().toISOString(), node: process.version, contentScript, overlay };
}

export function extensionTable(section: ExtensionSection): string {
  const { script, goalGzipBytes, meetsGoal } = section.contentScript;
  const o = section.overlay;
  return [
    `content script  ${script.rawBytes} B raw, ${script.gzipBytes} B gzip -9 (goal ≤ ${goalGzipBytes} B: ${meetsGoal ? "met" : "NOT met"}), CSS inlined`,
    `overlay shows the case, from navigation start: median ${o.fromNavigationStart.medianMs} ms, p95 ${o.fromNavigationStart.p95Ms} ms (${o.runs} runs after ${o.warmup} warm-up)`,
    `                        from DOMContentLoaded: median ${o.fromDomContentLoaded.medianMs} ms, p95 ${o.fromDomContentLoaded.p95Ms} ms`,
    `  of which: navigation start → panel mounted median ${o.toMount.medianMs} ms; mounted → case shown median ${o.fromMountToCase.medianMs} ms`,
    `Persona half cached in ${o.personaCachedViews}/${o.runs} views; ${o.chromium}`,
  ].join("\n");
}
