/**
 * Wraps the handler of a control that acts on a person (an action button, the confirmation, copying an access
 * code) so it runs only for events the browser made from the admin's own input. A script of the console page can
 * call `button.click()` or `dispatchEvent(new MouseEvent("click"))` on a node it reaches, but cannot make such an
 * event trusted: `isTrusted` is an unforgeable property the browser alone sets. Without this, a console script
 * (an XSS, a malicious browser extension in the page's world) could press "Suspend" and then "Confirm" itself.
 * Keyboard activation (Enter or Space on a focused button) is a trusted click, so the panel stays usable without a
 * mouse.
 */
export function fromUser<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return function onUserEvent(event) {
    // `=== true`, not truthiness: an environment without the property must count as untrusted.
    if (event.isTrusted === true) handler(event);
  };
}
