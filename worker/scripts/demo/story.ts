/**
 * The story `npm run demo` tells, on top of the seeds of `npm run dev`: Ada Lovelace signed in from Paris as usual,
 * then two hours ago from Bucharest on another device and IP, and half an hour ago she reported suspicious activity
 * herself. Her open KYC case in Persona sits beside her Okta user. (Alan Turing, locked out, is the help-desk call
 * the tour recovers with a Persona verification.) The events go into the fake Okta's System Log, which the overlay's
 * Timeline reads; their uuids name the timeline's items (`okta:<uuid>`).
 */
import { DEMO_USERS } from "../dev/demo-data";

const ada = DEMO_USERS[0]!;
const ADA_ACTOR = { id: ada.id, type: "User", alternateId: "ada@acme.test", displayName: `${ada.first} ${ada.last}` };
const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

function client(ipAddress: string, city: string, country: string, rawUserAgent: string) {
  return { ipAddress, device: "Computer", geographicalContext: { city, country }, userAgent: { rawUserAgent } };
}

/** The unusual sign-in, the one the timeline marks (new country, device and IP). */
export const UNUSUAL_SIGN_IN = "demo-signin-bucharest";

/** Ada's System Log as the fake Okta's control API takes it (`POST /__fake/orgs/{org}/log-events`), `nowMs` the clock. */
export function adaSystemLog(nowMs: number) {
  const ago = (minutes: number) => new Date(nowMs - minutes * 60_000).toISOString();
  const event = (uuid: string, eventType: string, displayMessage: string, minutesAgo: number, at?: ReturnType<typeof client>) => ({
    uuid,
    eventType,
    displayMessage,
    published: ago(minutesAgo),
    actor: ADA_ACTOR,
    target: [ADA_ACTOR],
    ...(at ? { client: at } : {}),
    outcome: { result: "SUCCESS" },
  });
  const paris = client("81.2.69.160", "Paris", "France", CHROME_MAC);
  return [
    event("demo-signin-paris-1", "user.session.start", "User login to Okta", 5 * 24 * 60, paris),
    event("demo-signin-paris-2", "user.session.start", "User login to Okta", 3 * 24 * 60, paris),
    event(UNUSUAL_SIGN_IN, "user.session.start", "User login to Okta", 120, client("86.120.4.9", "Bucharest", "Romania", FIREFOX_LINUX)),
    event("demo-suspicious-report", "user.account.report_suspicious_activity_by_enduser", "User report suspicious activity", 30, paris),
  ];
}
