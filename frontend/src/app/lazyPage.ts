import type { ComponentType } from "react";

/**
 * A route whose page is loaded the first time it is visited, so the first screen downloads only
 * the code it needs.
 */
export function page(load: () => Promise<ComponentType>) {
  return async () => ({ Component: await load() });
}
