import type { send } from "../lib/messages";

/** How the overlay reaches the background: `send` in the browser, a stand-in in unit tests. */
export type Send = typeof send;
