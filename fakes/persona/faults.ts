/**
 * Fault switches: the next N matching requests of an environment fail the way Persona, or what stands in front of
 * it, can fail. Where the fault strikes decides what a retry sees:
 * - `before`: at the edge, before authentication and the idempotency layer. Nothing ran, nothing is stored.
 * - `during`: inside the application instead of the operation. Nothing ran, but the failure is what Persona's
 *   idempotency layer stores for the request's `Idempotency-Key` ("including 500s", docs/persona.md §3.3), so a retry
 *   with the same key gets the same failure.
 * - `after`: the operation ran and its real answer was stored under the key, but the client gets the fault (a lost
 *   response): a retry with the same key replays the real answer.
 */

export const FAULT_KINDS = ["409", "429", "500", "502", "503", "504", "hang"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultStage = "before" | "during" | "after";

export interface FaultRule {
  kind: FaultKind;
  /** How many matching requests fail; defaults to 1. */
  count: number;
  /** Only paths under the base URL that start with this, e.g. `/cases` (a leading `/api/v1` is ignored). */
  pathPrefix?: string;
  method?: string;
  when: FaultStage;
  /** For 429: `RateLimit-Reset` says this many seconds (default 1). */
  resetSeconds: number;
  /** For 502/503/504: a gateway's HTML page (default) or Persona's JSON error envelope. */
  body: "html" | "json";
}

export class FaultQueue {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, pathPrefix: rule.pathPrefix?.replace(/^\/api\/v1(?=\/|$)/, "") });
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** The first rule matching this request at this stage, consuming one of its occurrences. */
  take(method: string, path: string, when: FaultStage): FaultRule | undefined {
    const index = this.rules.findIndex(
      (rule) =>
        rule.when === when &&
        (rule.pathPrefix === undefined || path.startsWith(rule.pathPrefix)) &&
        (rule.method === undefined || rule.method.toUpperCase() === method.toUpperCase()),
    );
    if (index < 0) return undefined;
    const rule = this.rules[index]!;
    rule.count--;
    if (rule.count <= 0) this.rules.splice(index, 1);
    return { ...rule };
  }
}

export function gatewayPage(status: 502 | 503 | 504): string {
  const title = status === 502 ? "Bad Gateway" : status === 503 ? "Service Temporarily Unavailable" : "Gateway Time-out";
  return `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
}
