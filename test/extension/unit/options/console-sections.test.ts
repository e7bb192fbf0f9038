/** The console's sections: which a role may open, and which one a location's hash names. */
import { describe, expect, it } from "vitest";
import { sectionFromHash, sectionHref, sectionsFor } from "../../../../extension/options/console-sections";

const ids = (role: Parameters<typeof sectionsFor>[0]) => sectionsFor(role).map((section) => section.id);

describe("console sections", () => {
  it("gives Setup to everyone, the audit log from operator up, the rest to admins", () => {
    expect(ids(null)).toEqual(["setup"]);
    expect(ids("viewer")).toEqual(["setup"]);
    expect(ids("operator")).toEqual(["setup", "audit"]);
    expect(ids("admin")).toEqual(["setup", "okta", "persona", "verification", "rules", "provisioning", "users", "roles", "api-keys", "audit"]);
  });

  it("reads the hash's section when the role may open it, and Setup otherwise", () => {
    expect(sectionFromHash("#okta", sectionsFor("admin"))).toBe("okta");
    expect(sectionFromHash("#api-keys", sectionsFor("admin"))).toBe("api-keys");
    expect(sectionFromHash("#okta", sectionsFor("operator"))).toBe("setup");
    expect(sectionFromHash("#nowhere", sectionsFor("admin"))).toBe("setup");
    expect(sectionFromHash("", sectionsFor("admin"))).toBe("setup");
    expect(sectionHref("audit")).toBe("#audit");
  });
});
