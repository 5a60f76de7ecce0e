import type { ReactNode } from "react";
import { Link } from "../router";
import { describeProblem, problemOf } from "../api/problem";
import { NotFoundPage } from "../app/NotFoundPage";
import { Button } from "./Button";
import { ErrorSummary } from "./ErrorSummary";
import { Loading } from "./Loading";
import { Page } from "./Page";

interface Loadable {
  isPending: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface QueryFallbackProps {
  /** The page's title, shown above the problem. */
  title: string;
  /** The queries the page waits for; the first one still loading or failed decides what shows. */
  queries: Loadable[];
  /** What the loading status says. */
  loading?: string;
  /** The heading of the problem ("We couldn't load this"). */
  problemTitle?: string;
  /** What a 404 shows: the not-found page unless a page says more; `false` shows it as any other problem. */
  notFound?: ReactNode | false;
  /** A way back, shown instead of "Try again" when the page has one. */
  back?: { to: string; label: string };
}

/**
 * The one loading and error pattern of the pages. A page renders its content once its queries
 * have succeeded, and this otherwise:
 *
 *     if (!goals.isSuccess) return <QueryFallback title="Your goals" queries={[goals]} />;
 *
 * (after which TypeScript knows `goals.data` is there).
 */
export function QueryFallback({ title, queries, loading, problemTitle, notFound, back }: QueryFallbackProps) {
  const failed = queries.find((query) => !query.isPending && query.error);
  if (!failed) return <Loading label={loading} />;
  const problem = problemOf(failed.error);
  if (problem?.status === 404 && notFound !== false) return notFound ?? <NotFoundPage />;
  return (
    <Page title={title}>
      <ErrorSummary title={problemTitle ?? "We couldn't load this"} message={problem ? describeProblem(problem) : null} />
      {back ? <Link to={back.to}>{back.label}</Link> : <Button onClick={() => void failed.refetch()}>Try again</Button>}
    </Page>
  );
}

interface QueryStatusProps {
  query: { isPending: boolean; isError: boolean };
  /** What the loading status says. */
  loading?: string;
  /** The sentence shown when the query failed (the rest of the page still works). */
  failed: ReactNode;
}

/**
 * The same pattern for one part of a page (a card, a section): a loading status while its query
 * loads, a quiet sentence if it failed, and nothing once it has its data.
 *
 *     <QueryStatus query={sessions} loading="Loading your sessions…" failed="We couldn't load your sessions." />
 */
export function QueryStatus({ query, loading, failed }: QueryStatusProps) {
  if (query.isPending) return <Loading label={loading} />;
  if (query.isError) return <p>{failed}</p>;
  return null;
}
