import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False while React takes over server-rendered HTML (and on the server), true from the first client render after. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
