import { EvidencePackSchema } from "../../shared/evidence";
import { jsonOrNull } from "../../shared/json-text";
import type { EvidenceFile } from "../lib/protocol";
import { extensionFailure } from "./reply-failure";
import { expectOk, type WorkerTextAnswer, workerFailure } from "./worker-client";

/** The worker's `content-disposition` for a pack: our own file-name characters only, so a name never carries a path. */
const DISPOSITION = /^attachment;\s*filename="([A-Za-z0-9._-]{1,160})"$/i;

/**
 * The evidence pack the worker answered, as a file for the overlay to save. The JSON is checked against the shared
 * schema, but the worker's own text is what is saved: a parse would drop any field the schema does not name, and a
 * pack handed to reviewers should be what the worker exported. The CSV must say it is CSV. The file name is the
 * worker's when it is a plain name of the right extension, else `fallbackName`.
 */
export function evidenceFile(answer: WorkerTextAnswer, format: "json" | "csv", fallbackName: string): EvidenceFile {
  const body = jsonOrNull(answer.text);
  if (answer.status < 200 || answer.status >= 300) throw workerFailure({ status: answer.status, body });
  if (format === "json") expectOk({ status: answer.status, body }, EvidencePackSchema);
  else if (!/^text\/csv\s*(;|$)/i.test(answer.contentType)) throw extensionFailure("bad_response", "the worker's evidence export was not CSV");
  const named = DISPOSITION.exec(answer.contentDisposition ?? "")?.[1];
  return {
    filename: named?.toLowerCase().endsWith(`.${format}`) ? named : `${fallbackName}.${format}`,
    mediaType: format === "csv" ? "text/csv" : "application/json",
    text: answer.text,
  };
}
