import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { type ConsoleSection, type SectionId, sectionFromHash, sectionHref } from "./console-sections";

type HashWindow = Pick<Window, "location" | "addEventListener" | "removeEventListener">;

/**
 * The section the location's hash names, following `hashchange` (links, Back, a pasted URL). A hash naming a
 * section this role may not open reads as Setup. `moved` is true once the reader navigated, so the panel takes focus
 * then, never on the page's first load.
 */
export function useHashSection(allowed: readonly ConsoleSection[], win: HashWindow = window): { current: SectionId; moved: boolean } {
  const [state, setState] = useState(() => ({ current: sectionFromHash(win.location.hash, allowed), moved: false }));
  const key = allowed.map((section) => section.id).join(",");
  useEffect(() => {
    const follow = () => setState({ current: sectionFromHash(win.location.hash, allowed), moved: true });
    // The allowed sections change with the session (sign-in, sign-out): read the hash again for the new role.
    setState((previous) => ({ ...previous, current: sectionFromHash(win.location.hash, allowed) }));
    win.addEventListener("hashchange", follow);
    return () => win.removeEventListener("hashchange", follow);
    // `key` stands for `allowed`, which is a fresh array on each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, win]);
  return state;
}

/** The console's navigation: one link per section this role may open, the current one marked for assistive tech. */
export function ConsoleNav({ sections, current }: { sections: readonly ConsoleSection[]; current: SectionId }) {
  return (
    <nav aria-label="Setup console sections" class="console-nav" data-poc="console-nav">
      <ul>
        {sections.map((section) => (
          <li key={section.id}>
            <a href={sectionHref(section.id)} data-nav={section.id} aria-current={section.id === current ? "page" : undefined}>
              {section.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The open section's container (inside `<main>`; its own sections name themselves, so it adds no landmark of its own,
 * which would repeat their names). After a navigation, focus moves to its first heading, so keyboard and screen-reader
 * users continue in the content they asked for rather than on the link.
 */
export function SectionPanel({ id, moved, children }: { id: SectionId; moved: boolean; children: ComponentChildren }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!moved || !panel.current) return;
    const heading = panel.current.querySelector<HTMLElement>("h2") ?? panel.current;
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }, [id, moved]);
  return (
    <div ref={panel} class="console-panel" data-panel={id}>
      {children}
    </div>
  );
}
