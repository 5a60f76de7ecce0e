import { Component, type ReactNode } from "react";
import { Link } from "../router";
import { Button } from "../ui/Button";
import { Page } from "../ui/Page";

/**
 * What any route shows when rendering or loading it fails (a bug, or a page's code that could not
 * be downloaded after a new release): a calm sentence and a way on, inside the usual layout.
 */
export function RouteError() {
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

interface RouteErrorBoundaryProps {
  /** The location's key: going to another page (or the same one again) clears the error. */
  resetKey: string;
  children: ReactNode;
}

interface RouteErrorBoundaryState {
  failed: boolean;
  resetKey: string;
}

/**
 * Shows RouteError in place of its route's element when that element fails (React reports the error
 * to the console itself).
 */
export class RouteErrorBoundary extends Component<RouteErrorBoundaryProps, RouteErrorBoundaryState> {
  override state: RouteErrorBoundaryState = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<RouteErrorBoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(
    props: RouteErrorBoundaryProps,
    state: RouteErrorBoundaryState,
  ): Partial<RouteErrorBoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  override render() {
    return this.state.failed ? <RouteError /> : this.props.children;
  }
}
