import { describe, expect, it } from "vitest";
import { followUserPages } from "../../../../extension/overlay/follow-user-pages";

const USER_A = "00uaaaaaaaaaaaaaaaaa";
const USER_B = "00ubbbbbbbbbbbbbbbbb";

function harness() {
  let href = "https://acme-admin.okta.com/admin/users";
  const log: string[] = [];
  let live = 0;
  const pages = followUserPages({
    location: () => {
      const url = new URL(href);
      return { protocol: url.protocol, hostname: url.hostname, pathname: url.pathname, hash: url.hash };
    },
    mount: async (userId) => {
      await new Promise((resolve) => setTimeout(resolve, 5)); // mounting waits for the anchor
      live++;
      log.push(`mount ${userId}`);
      return {
        remove: () => {
          live--;
          log.push(`remove ${userId}`);
        },
      };
    },
  });
  return { pages, log, go: (path: string) => (href = `https://acme-admin.okta.com${path}`), live: () => live };
}

describe("followUserPages", () => {
  it("mounts on a user page, keeps it across hash tabs, re-mounts for another user and removes it elsewhere", async () => {
    const { pages, log, go, live } = harness();
    await pages.sync();
    expect(log).toEqual([]);
    go(`/admin/user/profile/view/${USER_A}`);
    await pages.sync();
    go(`/admin/user/profile/view/${USER_A}#tab-account`);
    await pages.sync();
    go(`/admin/user/profile/view/${USER_B}`);
    await pages.sync();
    go("/admin/groups");
    await pages.sync();
    expect(log).toEqual([`mount ${USER_A}`, `remove ${USER_A}`, `mount ${USER_B}`, `remove ${USER_B}`]);
    expect(live()).toBe(0);
  });

  it("never leaves two panels when navigation outruns mounting", async () => {
    const { pages, go, live, log } = harness();
    go(`/admin/user/profile/view/${USER_A}`);
    const first = pages.sync();
    go(`/admin/user/profile/view/${USER_B}`);
    const second = pages.sync();
    await Promise.all([first, second]);
    expect(live()).toBe(1);
    expect(log.at(-1)).toBe(`mount ${USER_B}`);
  });

  it("removes the panel when stopped (the extension was reloaded or updated)", async () => {
    const { pages, go, live } = harness();
    go(`/admin/user/profile/view/${USER_A}`);
    await pages.sync();
    await pages.stop();
    expect(live()).toBe(0);
  });
});
