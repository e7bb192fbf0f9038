import { useState } from "preact/hooks";

/** Copies `value` to the clipboard and says so (or says it could not: the value stays selectable beside it). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [done, setDone] = useState<"copied" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setDone("copied");
    } catch {
      setDone("failed");
    }
  };
  return (
    <>
      <button type="button" data-poc="copy" aria-label={`Copy ${label}`} onClick={() => void copy()}>
        Copy
      </button>
      <span aria-live="polite" class="hint">
        {done === "copied" ? "Copied" : done === "failed" ? "Copy failed: select the text instead" : ""}
      </span>
    </>
  );
}

/** A labelled, selectable value with its copy button. */
export function CopyField({ label, value, poc }: { label: string; value: string; poc?: string }) {
  return (
    <div class="copy-field">
      <span class="label">{label}</span>
      <code data-poc={poc}>{value}</code>
      <CopyButton value={value} label={label} />
    </div>
  );
}
