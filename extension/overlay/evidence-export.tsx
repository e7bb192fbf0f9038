import { useRef, useState } from "preact/hooks";
import { describeError } from "./describe-error";
import type { Send } from "./overlay-port";
import { saveFile } from "./save-file";
import { fromUser } from "./user-event";

type Status = { kind: "idle" } | { kind: "busy"; format: "json" | "csv" } | { kind: "saved"; filename: string } | { kind: "failed"; text: string };

/**
 * The evidence pack of the user (operators and admins; docs/timeline.md): the whole window as JSON, or the
 * timeline as CSV, fetched by the background and saved as a download; the panel then names the file saved. Only
 * the admin's own click exports (`fromUser`): a console script cannot make the browser save files.
 */
export function EvidenceExport({ send, userId }: { send: Send; userId: string }) {
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const part = useRef<HTMLDivElement>(null);
  const run = async (format: "json" | "csv") => {
    setStatus({ kind: "busy", format });
    const reply = await send("overlay.evidence", { userId, format });
    if (!reply.ok) return setStatus({ kind: "failed", text: `The evidence could not be exported: ${describeError(reply.error)}` });
    if (part.current) saveFile(reply.data, part.current);
    setStatus({ kind: "saved", filename: reply.data.filename });
  };
  const button = (format: "json" | "csv", label: string) => (
    <button type="button" data-poc={`export-${format}`} disabled={status.kind === "busy"} onClick={fromUser(() => void run(format))}>
      {status.kind === "busy" && status.format === format ? `${label}…` : label}
    </button>
  );
  return (
    <div class="export" ref={part} data-poc="export">
      <span class="hint">Export evidence:</span> {button("json", "JSON")} {button("csv", "CSV")}
      {status.kind === "saved" ? (
        <span class="hint" data-poc="export-status" role="status">
          Saved {status.filename}
        </span>
      ) : status.kind === "failed" ? (
        <span class="bad" data-poc="export-status" role="status">
          {status.text}
        </span>
      ) : null}
    </div>
  );
}
