import type { EvidencePack } from "../../../shared/evidence";

/** One CSV field (RFC 4180), with a leading formula character defused so a spreadsheet shows it as text. */
function field(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const row = (values: unknown[]) => values.map(field).join(",");

const COLUMNS = ["time", "source", "type", "summary", "outcome", "actor", "ip", "country", "city", "marked", "link", "chain_prev", "chain_hash"];

/**
 * The pack's timeline as CSV, newest first, for a spreadsheet: one row per item. Audit rows carry their hash-chain
 * link, so the rows can be checked against `GET /api/orgs/{org}/audit/verify`.
 */
export function evidenceCsv(pack: EvidencePack): string {
  const chains = new Map(pack.audit.map((entry) => [`audit:${entry.id}`, entry.chain]));
  const lines = [
    row(COLUMNS),
    ...pack.timeline.map((item) => {
      const chain = chains.get(item.id) ?? null;
      return row([
        item.time,
        item.source,
        item.type,
        item.summary,
        item.outcome,
        item.actor ? `${item.actor.displayName ?? item.actor.id} (${item.actor.type})` : null,
        item.client?.ipAddress,
        item.client?.country,
        item.client?.city,
        (item.marked ?? []).join(" "),
        item.link,
        chain?.prev,
        chain?.hash,
      ]);
    }),
  ];
  return `${lines.join("\r\n")}\r\n`;
}
