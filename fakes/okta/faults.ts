/**
 * Fault switches: the next N matching requests of an org fail the way Okta or the network in front of it can fail.
 * A fault fires `before` the request is processed (Okta did nothing, as with a 429) or `after` (the operation took
 * effect but the client sees an error or no answer at all: what makes a non-idempotent retry dangerous).
 */

export type FaultKind = "429" | "500" | "502" | "503" | "hang";

export interface FaultRule {
  kind: FaultKind;
  /** How many matching requests fail; defaults to 1. */
  count: number;
  /** Only requests whose path under the org starts with this, e.g. `/api/v1/users` or `/oauth2/v1/token`. */
  pathPrefix?: string;
  method?: string;
  when: "before" | "after";
  /** For 429: `X-Rate-Limit-Reset` is this many seconds ahead (default 1). */
  resetSeconds: number;
  /** For 502/503: an HTML body like a gateway's (default) or an Okta JSON error. */
  body: "html" | "json";
}

export class FaultQueue {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push(rule);
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** The first rule matching this request at this stage, consuming one of its occurrences. */
  take(method: string, path: string, when: FaultRule["when"]): FaultRule | undefined {
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

const GATEWAY_PAGE = (status: number, title: string) =>
  `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n</body>\r\n</html>\r\n`;

export function gatewayPage(status: 502 | 503): string {
  return GATEWAY_PAGE(status, status === 502 ? "Bad Gateway" : "Service Temporarily Unavailable");
}
