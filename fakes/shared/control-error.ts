/**
 * A refusal by a fake's `/__fake` control API: the 4xx status and the message its server answers as
 * `{"error": "<message>"}`. Shared by the fake Okta and the fake Persona, whose control APIs refuse alike.
 */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
