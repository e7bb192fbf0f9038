import type { ComponentChildren } from "preact";
import { Empty, ErrorNote, Loading } from "./status";
import type { Loaded } from "./use-load";

/** One of three, never a blank: "Loading …", the error with its code, or what `children` makes of the data. */
export function LoadedView<T>({ loaded, what, children }: { loaded: Loaded<T>; what: string; children: (data: T) => ComponentChildren }) {
  if (loaded.state === "loading") return <Loading what={what} />;
  if (loaded.state === "error") return <ErrorNote error={loaded.error} />;
  return <>{children(loaded.data)}</>;
}

type ListProps<T, I> = {
  loaded: Loaded<T>;
  what: string;
  /** The list inside the worker's answer. */
  items: (data: T) => I[];
  /** Shown (as the distinct empty state) when the list has no item. */
  empty: ComponentChildren;
  children: (items: I[]) => ComponentChildren;
};

/** A LoadedView of a list, whose empty state is its own (`data-poc="empty"`) rather than an empty table. */
export function LoadedList<T, I>({ loaded, what, items, empty, children }: ListProps<T, I>) {
  return (
    <LoadedView loaded={loaded} what={what}>
      {(data) => {
        const list = items(data);
        return list.length === 0 ? <Empty>{empty}</Empty> : children(list);
      }}
    </LoadedView>
  );
}
