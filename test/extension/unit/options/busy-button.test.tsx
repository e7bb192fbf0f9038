/** Options page: long operations show progress and always end with a usable button and words. */
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Reply } from "../../../../extension/lib/protocol";
import { BusyButton, SHOW_ELAPSED_AFTER_S } from "../../../../extension/options/busy-button";
import { Announce, useAction } from "../../../../extension/options/status";
import { $, container, setUpPage } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();
afterEach(() => vi.useRealTimers());

function Harness({ action }: { action: () => Promise<Reply<string>> }) {
  const { busy, message, run } = useAction();
  return (
    <>
      <BusyButton busy={busy} poc="long" action="long" working="Testing…" onClick={() => void run("long", action, (data) => `done: ${data}`)}>
        Test
      </BusyButton>
      <BusyButton busy={busy} poc="other">
        Other
      </BusyButton>
      <Announce message={message} />
    </>
  );
}

const button = (poc: string) => $<HTMLButtonElement>(`button[data-poc="${poc}"]`)!;

describe("options page: long operations", () => {
  it("says it is working, then for how long, keeps every button of the section waiting, and ends usable", async () => {
    vi.useFakeTimers();
    let finish!: (reply: Reply<string>) => void;
    render(<Harness action={() => new Promise((resolve) => (finish = resolve))} />, container);
    await act(async () => button("long").click());
    expect(button("long").textContent).toBe("Testing…");
    expect(button("long").getAttribute("aria-busy")).toBe("true");
    expect(button("other").disabled).toBe(true);
    await act(async () => {
      vi.advanceTimersByTime((SHOW_ELAPSED_AFTER_S + 1) * 1000);
    });
    expect($('[data-poc="elapsed"]')!.textContent).toBe(` ${SHOW_ELAPSED_AFTER_S + 1} s`);
    await act(async () => finish({ ok: true, data: "all usable" }));
    expect(button("long").textContent).toBe("Test");
    expect(button("long").disabled).toBe(false);
    expect(button("long").hasAttribute("aria-busy")).toBe(false);
    expect($('[data-poc="announce"]')!.textContent).toBe("done: all usable");
  });

  it("ends with the error's words, not a dead button, when the action throws", async () => {
    render(<Harness action={() => Promise.reject(new Error("the background went away"))} />, container);
    await act(async () => button("long").click());
    await vi.waitFor(() => expect($('[data-poc="announce"]')!.textContent).toContain("the background went away"));
    expect($('[data-poc="announce"]')!.dataset.tone).toBe("error");
    expect(button("long").disabled).toBe(false);
    expect(button("other").disabled).toBe(false);
  });
});
