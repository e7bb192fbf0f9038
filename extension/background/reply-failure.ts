import type { ExtensionErrorCode, ReplyError } from "../lib/protocol";

/** A failure a handler reports to its caller: becomes `{ ok: false, error }`. */
export class ReplyFailure extends Error {
  override readonly name = "ReplyFailure";
  constructor(readonly error: ReplyError) {
    super(error.message);
  }
}

/** A failure of the extension itself (no worker answer behind it). */
export function extensionFailure(code: ExtensionErrorCode, message: string): ReplyFailure {
  return new ReplyFailure({ code, message, status: null, requestId: null });
}
