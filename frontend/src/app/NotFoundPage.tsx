import { Link } from "../router";
import { Page } from "../ui/Page";

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>There's nothing at this address.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </Page>
  );
}
