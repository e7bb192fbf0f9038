import { send } from "../lib/messages";
import type { SessionView } from "../lib/protocol";
import type { Settings } from "../lib/settings-schema";
import { ConsoleNav, SectionPanel, useHashSection } from "./console-nav";
import { sectionsFor } from "./console-sections";
import { ExtensionIdPanel } from "./extension-id-panel";
import { LoadedView } from "./loaded-view";
import { RoleSection, SetupForRole } from "./role-sections";
import { SettingsForm } from "./settings-form";
import { SignInPanel } from "./sign-in-panel";
import { useLoad } from "./use-load";

/**
 * The admin's setup console: one section at a time, chosen in the navigation (hash-based: `#okta` links there).
 * Setup comes first for everyone: this browser's settings and sign-in, then, for an admin, the checklist.
 */
export function OptionsApp() {
  const settings = useLoad(() => send("settings.get", {}), []);
  const session = useLoad(() => send("session.get", {}), []);
  const current = session.loaded.state === "ready" ? session.loaded.data : null;
  const sections = sectionsFor(current?.role ?? null);
  const { current: open, moved } = useHashSection(sections);

  return (
    <>
      <header class="console-header">
        <h1>Persona Okta Companion</h1>
        {current && (
          <p class="who" data-poc="header-session">
            {current.email} · {current.role} · {current.orgId}
          </p>
        )}
      </header>
      <div class="console">
        <ConsoleNav sections={sections} current={open} />
        <main>
          <SectionPanel key={`${open}:${current?.orgId ?? ""}:${current?.email ?? ""}`} id={open} moved={moved}>
            {open === "setup" ? (
              <SetupPanel
                settings={settings}
                session={session}
                onSaved={(saved) => {
                  settings.replace(saved);
                  // The background may have ended a session that belonged to other settings.
                  session.reload();
                }}
              />
            ) : (
              current && <RoleSection id={open} session={current} />
            )}
          </SectionPanel>
        </main>
      </div>
    </>
  );
}

type Load<T> = ReturnType<typeof useLoad<T>>;

/** Setup: the checklist (admins) or what the role may do, then this browser's worker settings, ID and sign-in. */
function SetupPanel({
  settings,
  session,
  onSaved,
}: {
  settings: Load<Settings | null>;
  session: Load<SessionView | null>;
  onSaved: (saved: Settings) => void;
}) {
  const current = session.loaded.state === "ready" ? session.loaded.data : null;
  return (
    <>
      {current && <SetupForRole key={`${current.orgId}:${current.email}`} session={current} />}
      <LoadedView loaded={settings.loaded} what="settings">
        {(initial) => <SettingsForm initial={initial} onSaved={onSaved} />}
      </LoadedView>
      <ExtensionIdPanel session={current} settings={settings.loaded.state === "ready" ? settings.loaded.data : null} />
      <LoadedView loaded={session.loaded} what="the session">
        {(view) => settings.loaded.state === "ready" && <SignInPanel settings={settings.loaded.data} session={view} onSession={session.replace} />}
      </LoadedView>
    </>
  );
}
