import type { EvidenceFile } from "../lib/protocol";

/** Long enough for the browser to have read the blob into the download; then the memory is given back. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Saves a file the background fetched, as the browser's own download (no `downloads` permission): a Blob URL on
 * a link with `download`, clicked inside the panel's shadow root, so the console's scripts never see the link or
 * its URL (and a Blob URL cannot be guessed). `parent` is an element of the panel.
 */
export function saveFile(file: EvidenceFile, parent: Element, urls: Pick<typeof URL, "createObjectURL" | "revokeObjectURL"> = URL): void {
  const url = urls.createObjectURL(new Blob([file.text], { type: `${file.mediaType};charset=utf-8` }));
  const link = parent.ownerDocument.createElement("a");
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  parent.append(link);
  link.click();
  link.remove();
  setTimeout(() => urls.revokeObjectURL(url), REVOKE_AFTER_MS);
}
