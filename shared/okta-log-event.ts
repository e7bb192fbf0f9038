import { z } from "zod";

/**
 * The parts of an Okta System Log event (LogEvent, docs/okta.md §7) that this product reads, from the System Log
 * API and from event hooks alike. Anything else Okta sends is ignored; a malformed optional part reads as null.
 */
const text = z.string().max(2000).nullish().catch(null);
export const LogEventSchema = z.object({
  uuid: z.string().min(1).max(100),
  published: z.iso.datetime({ offset: true }),
  eventType: z.string().min(1).max(200),
  displayMessage: text,
  severity: text,
  actor: z.object({ id: z.string(), type: z.string(), alternateId: text, displayName: text }).nullish().catch(null),
  client: z
    .object({
      /** The OAuth client that made the request, when one did. */
      id: text,
      ipAddress: text,
      device: text,
      userAgent: z.object({ rawUserAgent: text, os: text, browser: text }).nullish().catch(null),
      geographicalContext: z.object({ city: text, state: text, country: text }).nullish().catch(null),
    })
    .nullish()
    .catch(null),
  outcome: z.object({ result: text, reason: text }).nullish().catch(null),
  target: z
    .array(z.object({ id: z.string(), type: z.string(), alternateId: text, displayName: text }).loose())
    .max(50)
    .nullish()
    .catch(null),
  /** For an API request, the ID of the request (Okta's `X-Okta-Request-Id`): how our own calls are recognised. */
  transaction: z.object({ id: text, type: text }).nullish().catch(null),
  debugContext: z
    .object({ debugData: z.record(z.string(), z.unknown()).nullish().catch(null) })
    .nullish()
    .catch(null),
});
export type LogEvent = z.infer<typeof LogEventSchema>;

/** The events that change what the overlay shows about a user: lifecycle, lock, MFA, password and sessions. */
const CHANGES_USER = /^user\.(lifecycle|mfa\.factor)\.|^user\.session\.clear$|^user\.account\.(lock|unlock|unlock_by_admin|reset_password|update_password)$/;

export function changesUser(eventType: string): boolean {
  return CHANGES_USER.test(eventType);
}
