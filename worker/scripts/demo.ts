/**
 * `npm run demo`: the product in one command, on a fresh clone after `npm ci`. It starts the local stack of
 * `npm run dev` (the worker under `wrangler dev`, the fake IdP, Okta and Persona, the seeded `acme`; on free ports,
 * with a fresh worker state, so it runs beside a `npm run dev` and every run tells the same story), the fake admin
 * console of the browser tests, builds the dev extension and opens Debian's Chromium with it, signed in through the
 * fake IdP, on Ada Lovelace's page of the console.
 *
 * With a display (DISPLAY set) the browser stays open for you to click around until Ctrl-C (or until you close it).
 * Without one, or with `--tour`, it walks the scripted tour (worker/scripts/demo/tour.ts), saves a screenshot of each step to
 * `demo/` and exits.
 */
import { resolve } from "node:path";
import { buildExtension, type ExtensionBrowser, launchBrowser } from "../../test/extension/support/browser";
import { startFakeAdminConsole } from "../../test/extension/support/fake-admin-console";
import { startStack } from "../../test/extension/support/stack";
import { DEMO_ADMIN, prepareDemo } from "./demo/prepare";
import { runTour, type TourStep } from "./demo/tour";
import { DEMO_USERS } from "./dev/demo-data";
import { REPO_ROOT } from "./setup";

const OUT_DIR = resolve(REPO_ROOT, "demo");
const say = (line: string) => console.log(`[demo] ${line}`);

/** What is running, stopped in reverse order on the way out. */
const running: Array<() => Promise<void>> = [];
let stopped: Promise<void> = Promise.resolve();
/** Stops what runs now; a later call waits for an earlier one, then stops what was added since. */
function stopAll(): Promise<void> {
  stopped = stopped.then(async () => {
    for (const stop of running.splice(0).reverse()) await stop().catch(() => {});
  });
  return stopped;
}

/**
 * Ctrl-C (or SIGTERM) at any time: what runs is stopped at once, and what is still starting is stopped by main()
 * as soon as it has started (a stack left half-started would keep wrangler running). While the browser is open for
 * the person, it ends the wait instead.
 */
let interrupted = false;
let onSignal: (() => void) | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    interrupted = true;
    if (onSignal) return onSignal();
    void stopAll();
  });
}
class Interrupted extends Error {}
const checkInterrupted = () => {
  if (interrupted) throw new Interrupted("interrupted");
};

/** A screenshot of the page the failing step was on, `demo/failed-step.png`, for whoever reads the error. */
async function keepFailedPage(browser: ExtensionBrowser): Promise<void> {
  const path = resolve(OUT_DIR, "failed-step.png");
  const last = browser.context.pages().at(-1);
  const saved = await last?.screenshot({ path, fullPage: true }).catch(() => undefined);
  if (saved) say(`the failing step's page: ${path}`);
}

async function main(): Promise<number> {
  const headless = !process.env.DISPLAY;
  const tour = headless || process.argv.includes("--tour");
  say("building the dev extension and starting the local stack (worker, fake IdP, Okta, Persona, admin console)…");
  const [built, started, served] = await Promise.allSettled([buildExtension(), startStack(), startFakeAdminConsole()]);
  if (started.status === "fulfilled") running.push(() => started.value.stop());
  if (served.status === "fulfilled") running.push(() => served.value.close());
  if (built.status === "rejected") throw built.reason;
  if (started.status === "rejected") throw started.reason;
  if (served.status === "rejected") throw served.reason;
  const [extensionDir, stack, adminConsole] = [built.value, started.value, served.value];
  checkInterrupted();

  const browser = await launchBrowser({ extensionDir, consolePort: adminConsole.port, headless, handleSignals: false }).catch((error: unknown) => {
    const hint = headless ? "" : ` (DISPLAY is ${process.env.DISPLAY}; without a display, \`DISPLAY= npm run demo\` walks the tour headless)`;
    throw new Error(`${error instanceof Error ? error.message : String(error)}${hint}`);
  });
  running.push(() => browser.close());
  checkInterrupted();
  say(`signing ${DEMO_ADMIN} in through the fake IdP…`);
  await prepareDemo({ stack, browser });
  checkInterrupted();

  if (tour) {
    say(`walking the tour${headless ? " (headless: no DISPLAY)" : ""}; screenshots go to ${OUT_DIR}/`);
    const onStep = (step: TourStep) => say(`  ${step.name}: ${step.shows}`);
    const steps = await runTour({ stack, browser, adminConsole, outDir: OUT_DIR, onStep }).catch(async (error: unknown) => {
      if (!interrupted) await keepFailedPage(browser);
      throw error;
    });
    say(`done: ${steps.length} screenshots in ${OUT_DIR}/`);
    for (const step of steps) console.log(`  ${step.path}`);
    return 0;
  }

  const page = await browser.context.newPage();
  await page.goto(adminConsole.userUrl(DEMO_USERS[0]!.id), { waitUntil: "domcontentloaded" });
  console.log(`
────────────────────────────────────────────────────────────────────────────
  The companion is open in Chromium, signed in as ${DEMO_ADMIN} (admin), on Ada Lovelace's page.
  The fake admin console: ${adminConsole.usersUrl} (${DEMO_USERS.map((user) => user.first).join(", ")})
  Worker: ${stack.urls.worker}   bootstrap token: ${stack.bootstrapToken}
  Fake Okta control API: ${stack.urls.oktaControl}   fake Persona's: ${stack.urls.personaControl}
  Stop with Ctrl-C (or close the browser). \`npm run demo -- --tour\` walks the scripted tour instead.
────────────────────────────────────────────────────────────────────────────
`);
  await new Promise<void>((done) => {
    onSignal = done;
    browser.context.once("close", () => done());
  });
  say("stopping…");
  return 0;
}

main().then(
  async (code) => {
    await stopAll();
    process.exit(code);
  },
  async (error: unknown) => {
    // A step that failed because Ctrl-C closed its browser is no failure to report.
    if (interrupted) say("stopped");
    else console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    process.exit(interrupted ? 130 : 1);
  },
);
