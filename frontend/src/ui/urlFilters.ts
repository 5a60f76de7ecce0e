/**
 * Filters and search words kept in the address (?q=…&depth=…), so Back, reload and a shared link
 * show the same list. Each change is a new history entry: Back returns to the previous search.
 */
import { useSearchParams } from "../router";

export type FilterValue = string | readonly string[] | boolean | null;

export function useUrlFilters() {
  const [params, setParams] = useSearchParams();

  /** One value, or "" when absent or not among `allowed` (a hand-edited address is ignored, not an error). */
  function one<T extends string>(name: string, allowed?: readonly T[]): T | "" {
    const value = params.get(name) ?? "";
    return allowed && !allowed.includes(value as T) ? "" : (value as T);
  }

  function many<T extends string>(name: string, allowed?: readonly T[]): T[] {
    const values = params.getAll(name) as T[];
    return [...new Set(allowed ? values.filter((v) => allowed.includes(v)) : values)];
  }

  function flag(name: string): boolean {
    return params.get(name) === "1";
  }

  /** Change some filters, keeping the others; `null`, "", [] and false remove one from the address. */
  function update(changes: Record<string, FilterValue>) {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes)) {
        next.delete(name);
        if (typeof value === "boolean") {
          if (value) next.set(name, "1");
        } else if (typeof value === "string") {
          if (value) next.set(name, value);
        } else if (value) {
          for (const item of value) next.append(name, item);
        }
      }
      return next;
    });
  }

  function clear(names: readonly string[]) {
    update(Object.fromEntries(names.map((name) => [name, null])));
  }

  return { one, many, flag, update, clear };
}
