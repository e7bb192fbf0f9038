/**
 * The mode of the overlay's shadow root. Closed in the release build: an open root is reachable from the console
 * page's own scripts (`host.shadowRoot`), which could read a temporary access code shown once or the Persona case,
 * and reach the action buttons. Only the dev build (`POC_DEV_HOSTS=1`, which the browser tests load) keeps it open,
 * because Playwright's locators pierce open roots only. Anything but an explicit `true` counts as a release build.
 */
export function overlayShadowMode(devBuild: boolean | undefined): "open" | "closed" {
  return devBuild === true ? "open" : "closed";
}
