/**
 * The extension in a real Firefox: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (Playwright's
 * Firefox is a patched build that cannot be downloaded here, and playwright-core cannot drive a stock one). The dev
 * build for Firefox (`POC_DEV_HOSTS=1 wxt build extension -b firefox` → extension/.output/dev/firefox-mv2, Manifest
 * V2) is installed as a temporary add-on, unsigned. `acme-admin.okta.com` resolves to loopback through
 * `network.dns.localDomains`; the fake console must listen on 443 there, since Firefox matches `include_globs`
 * against the whole URL and `https://*-admin.okta.com/*` never matches `host:8443`.
 */
import { existsSync } from "node:fs";
import puppeteer, { type Browser, type Page, type Target } from "puppeteer-core";

export const FIREFOX_PATH = process.env.POC_FIREFOX_PATH ?? "/usr/bin/firefox-esr";
/** The add-on ID fixed in the manifest (extension/wxt.config.ts): what the organization registers. */
export const GECKO_ID = "persona-okta-companion@persona-okta-companion.dev";
/** Fixed with `extensions.webextensions.uuids`, so the options page's moz-extension:// URL is known in advance. */
export const EXTENSION_UUID = "5f0c3a1e-7d2b-4c6a-9e8f-0a1b2c3d4e5f";

/** Throws, saying how to install it, when firefox-esr is not there (called first, before anything is started). */
export function requireFirefox(): void {
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(
      `Firefox is missing at ${FIREFOX_PATH}: the Firefox tests (vitest project "firefox") need Debian's firefox-esr (apt-get install -y firefox-esr; .ci/run does this), or set POC_FIREFOX_PATH`,
    );
  }
}

export interface ExtensionFirefox {
  browser: Browser;
  /** What `installExtension` answered: the gecko ID of the manifest. */
  extensionId: string;
  /** `moz-extension://<uuid>/`, for recognising the extension's pages (BiDi refuses to navigate to them). */
  extensionOrigin: string;
  close(): Promise<void>;
}

/**
 * Firefox with the unpacked build installed as a temporary add-on. Fails, never skips, without firefox-esr: the
 * Firefox tests are part of `npm test` (.ci/run installs it).
 */
export async function launchFirefox(options: { extensionDir: string; consoleHost: string }): Promise<ExtensionFirefox> {
  requireFirefox();
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts: true,
    // Firefox ESR 140 has no BiDi screen-orientation override, which puppeteer's setViewport sends: size the window.
    defaultViewport: null,
    args: ["--window-size=1280,900"],
    extraPrefsFirefox: {
      "xpinstall.signatures.required": false,
      "network.dns.localDomains": options.consoleHost,
      "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // Nothing but loopback: no update checks, telemetry, captive-portal or connectivity probes.
      "app.update.enabled": false,
      "extensions.update.enabled": false,
      "network.captive-portal-service.enabled": false,
      "network.connectivity-service.enabled": false,
      "datareporting.policy.dataSubmissionEnabled": false,
      "toolkit.telemetry.enabled": false,
      "browser.safebrowsing.malware.enabled": false,
      "browser.safebrowsing.phishing.enabled": false,
    },
  });
  try {
    const extensionId = await browser.installExtension(options.extensionDir);
    return {
      browser,
      extensionId,
      extensionOrigin: `moz-extension://${EXTENSION_UUID}/`,
      close: () => browser.close().catch(() => {}),
    };
  } catch (error) {
    await browser.close().catch(() => {});
    throw new Error(`Firefox did not install ${options.extensionDir} as a temporary add-on: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The page of the next tab or window the browser opens. Over BiDi a new tab's target first reports about:blank and
 * the URL of an extension page never shows in `target.url()`, so the caller tells the page by what it evaluates to.
 */
export async function nextPage(browser: Browser, action: () => Promise<void>, timeout = 15_000): Promise<Page> {
  const created = new Promise<Target>((resolveTarget, reject) => {
    const timer = setTimeout(() => reject(new Error(`no new tab or window within ${timeout} ms`)), timeout);
    browser.once("targetcreated", (target: Target) => {
      clearTimeout(timer);
      resolveTarget(target);
    });
  });
  await action();
  const page = await (await created).page();
  if (!page) throw new Error("the new target is not a page");
  return page;
}
