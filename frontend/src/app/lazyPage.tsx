import { lazy, Suspense, type ComponentType } from "react";
import { Loading } from "../ui/Loading";

/**
 * A route's page loaded the first time it is visited, so the first screen downloads only the code
 * it needs; until the code arrives the page shows the loading line. Called once per route, where the
 * routes are listed (a lazy component must not be created while rendering).
 */
export function page(load: () => Promise<ComponentType>) {
  const Lazy = lazy(async () => ({ default: await load() }));
  return (
    <Suspense fallback={<Loading />}>
      <Lazy />
    </Suspense>
  );
}
