import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { Button } from "../ui/Button";
import { Page } from "../ui/Page";
import { NotFoundPage } from "./NotFoundPage";

/**
 * What any route shows when rendering or loading it fails (a bug, or a page's code that could not
 * be downloaded after a new release): a calm sentence and a way on, inside the usual layout.
 */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <Page title="Something went wrong">
      <p>This page couldn't be shown. Loading it again usually helps; nothing you saved is lost.</p>
      <div className="actions">
        <Button onClick={() => window.location.reload()}>Load the page again</Button>
        <Link className="button button--secondary" to="/">
          Go to the start page
        </Link>
      </div>
    </Page>
  );
}
