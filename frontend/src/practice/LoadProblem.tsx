import { describeProblem, problemOf } from "../api/problem";
import { NotFoundPage } from "../app/NotFoundPage";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Page } from "../ui/Page";

/** A page whose data could not be loaded: "not found" for a 404, a retry for anything else. */
export function LoadProblem({ title, error, retry }: { title: string; error: unknown; retry: () => unknown }) {
  const problem = problemOf(error);
  if (problem?.status === 404) return <NotFoundPage />;
  return (
    <Page title={title}>
      <ErrorSummary title="We couldn't load this" message={problem ? describeProblem(problem) : null} />
      <Button onClick={() => void retry()}>Try again</Button>
    </Page>
  );
}
