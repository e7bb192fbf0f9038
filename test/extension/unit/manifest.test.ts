import { describe, expect, it } from "vitest";
import { overlayShadowMode } from "../../../extension/overlay/shadow-root-mode";
import config from "../../../extension/wxt.config";

type Manifest = Record<string, unknown>;

function manifestFor(browser: "chrome" | "firefox", manifestVersion: 2 | 3): Manifest {
  const manifest = config.manifest;
  if (typeof manifest !== "function") throw new Error("wxt.config's manifest is expected to be a function of the target");
  return manifest({ browser, manifestVersion, mode: "production", command: "build" }) as Manifest;
}

describe("manifest", () => {
  it("grants no host at install in a release build: the worker's origin is asked for at run time", () => {
    const chrome = manifestFor("chrome", 3);
    expect(chrome.host_permissions).toEqual([]);
    expect(chrome.optional_host_permissions).toEqual(["https://*/*", "http://127.0.0.1/*", "http://localhost/*"]);
    expect(chrome.permissions).toEqual(["storage", "identity"]);
  });

  it("declares the optional origins as Firefox's Manifest V2 needs them, with a fixed add-on ID", () => {
    const firefox = manifestFor("firefox", 2);
    expect(firefox.optional_permissions).toEqual(["https://*/*", "http://127.0.0.1/*", "http://localhost/*"]);
    expect(firefox.browser_specific_settings).toMatchObject({ gecko: { id: "persona-okta-companion@persona-okta-companion.dev" } });
  });

  it("defines the build as a release one unless POC_DEV_HOSTS=1, so the overlay's shadow root is closed", () => {
    expect(process.env.POC_DEV_HOSTS).toBeUndefined();
    const vite = config.vite;
    if (typeof vite !== "function") throw new Error("wxt.config's vite options are expected to be a function");
    const options = vite({ browser: "chrome", manifestVersion: 3, mode: "production", command: "build" } as never) as { define?: Record<string, string> };
    const devBuild = JSON.parse(options.define?.["import.meta.env.POC_DEV_BUILD"] ?? "null");
    expect(devBuild).toBe(false);
    expect(overlayShadowMode(devBuild)).toBe("closed");
  });
});
