import { render } from "preact";
import { afterEach, describe, expect, it } from "vitest";
import { Options } from "../../../../extension/options/field";

afterEach(() => {
  document.body.replaceChildren();
});

function selectWith(initial?: string): HTMLSelectElement {
  const container = document.createElement("div");
  document.body.append(container);
  render(
    <select name="role">
      <Options values={["viewer", "operator", "admin"]} initial={initial} />
    </select>,
    container,
  );
  return container.querySelector("select")!;
}

describe("Options", () => {
  it("preselects the initial value (a select's defaultValue prop is ignored by Preact)", () => {
    expect(selectWith("operator").value).toBe("operator");
  });

  it("leaves the first value selected without an initial one", () => {
    expect(selectWith().value).toBe("viewer");
  });
});
