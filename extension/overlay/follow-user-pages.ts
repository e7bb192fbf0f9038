import { recognisePage } from "../lib/okta-page";

/** A mounted overlay: removing it must undo everything mounting did. */
export interface MountedOverlay {
  remove: () => void;
}

export interface FollowOptions {
  location: () => Pick<Location, "protocol" | "hostname" | "pathname" | "hash">;
  mount: (userId: string) => Promise<MountedOverlay>;
}

/**
 * Keeps exactly one overlay for the user whose page the console shows: `sync()` after every navigation (history,
 * hash, full load) mounts it for a user page, re-mounts it for another user and removes it elsewhere. Calls are
 * serialised, so quick navigation never leaves two panels or a panel for the wrong user.
 */
export function followUserPages(options: FollowOptions): { sync: () => Promise<void>; stop: () => Promise<void> } {
  let current: { userId: string; mounted: MountedOverlay } | null = null;
  let queue: Promise<void> = Promise.resolve();

  const apply = async (userId: string | null) => {
    if (current?.userId === userId) return;
    current?.mounted.remove();
    current = null;
    if (userId !== null) current = { userId, mounted: await options.mount(userId) };
  };

  const enqueue = (next: () => Promise<void>) => {
    queue = queue.then(next, next);
    return queue;
  };

  return {
    sync: () =>
      enqueue(async () => {
        const page = recognisePage(options.location());
        await apply(page.kind === "user" ? page.userId : null);
      }),
    stop: () => enqueue(() => apply(null)),
  };
}
