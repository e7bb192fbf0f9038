/**
 * The story `npm run demo` tells, on top of the seeds of `npm run dev`: Ada Lovelace signed in from Paris as usual,
 * then two hours ago from Bucharest on another device and IP, and half an hour ago she reported suspicious activity
 * herself. Her open KYC case in Persona sits beside her Okta user. (Alan Turing, locked out, is the help-desk call
 * the tour recovers with a Persona verification.) The events go into the fake Okta's System Log, which the overlay's
 * Timeline reads; their uuids name the timeline's items (`okta:<uuid>`).
 */
import { eventsAbout, FROM_BUCHAREST, FROM_PARIS, logUser, SIGN_IN, SUSPICIOUS_ACTIVITY_REPORT } from "../../../test/extension/support/system-log";
import { DEMO_USERS } from "../dev/demo-data";

const ada = DEMO_USERS[0]!;
const ADA_ACTOR = logUser(ada.id, "ada@acme.test", `${ada.first} ${ada.last}`);

/** The unusual sign-in, the one the timeline marks (new country, device and IP). */
export const UNUSUAL_SIGN_IN = "demo-signin-bucharest";

/** Ada's System Log as the fake Okta's control API takes it (`POST /__fake/orgs/{org}/log-events`), `nowMs` the clock. */
export function adaSystemLog(nowMs: number) {
  const event = eventsAbout(ADA_ACTOR, nowMs);
  return [
    event("demo-signin-paris-1", SIGN_IN, 5 * 24 * 60, FROM_PARIS),
    event("demo-signin-paris-2", SIGN_IN, 3 * 24 * 60, FROM_PARIS),
    event(UNUSUAL_SIGN_IN, SIGN_IN, 120, FROM_BUCHAREST),
    event("demo-suspicious-report", SUSPICIOUS_ACTIVITY_REPORT, 30, FROM_PARIS),
  ];
}
