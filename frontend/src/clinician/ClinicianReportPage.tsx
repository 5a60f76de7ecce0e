import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { problemOf } from "../api/problem";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { formatDate } from "../ui/format";
import { Loading } from "../ui/Loading";
import { ChartsSection, GoalsSection, SessionsSection } from "../practice/ReportSections";
import { periodText } from "../practice/time";
import "../practice/practice.css";
import "./clinician.css";
import { accessCodeSchema } from "./linkSchema";
import { reportQuery } from "./queries";

/** The token sits in the address's fragment, which the browser never sends to a server. */
function tokenFromAddress(): string {
  return window.location.hash.replace(/^#/, "");
}

const TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

/**
 * The read-only report a clinician link opens, without an account and outside the app: no
 * navigation into Tandem, nothing of the partner, only the sections the patient chose.
 */
export function ClinicianReportPage() {
  const [token] = useState(tokenFromAddress);
  const form = useSchemaForm(accessCodeSchema, { access_code: "" });
  // The code as last submitted: a new submission asks again.
  const [submitted, setSubmitted] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const codeHeading = useId();

  useEffect(() => {
    document.title = "Practice report";
  }, []);

  const report = useQuery(reportQuery(token, submitted, TOKEN.test(token)));
  const status = report.isError ? problemOf(report.error)?.status : undefined;
  const kind = !TOKEN.test(token) || status === 404
    ? "gone"
    : report.isPending
      ? "loading"
      : report.isSuccess
        ? "report"
        : status === 401 || status === 429
          ? "code"
          : "problem";
  const codeField = form.bind("access_code");
  const shownCodeError =
    codeField.error ?? (status === 429 ? "Too many attempts. Please wait a little and try again." : status === 401 && submitted ? "That code isn't right." : null);

  useEffect(() => {
    if (kind !== "loading") heading.current?.focus();
  }, [kind]);

  // The server's answer (a wrong code, too many tries) comes from the report's query, not a mutation.
  const submit = form.onSubmit(({ access_code: code }) => {
    if (code === submitted) void report.refetch();
    else setSubmitted(code);
  });

  let title = "Practice report";
  let content;
  if (kind === "loading") {
    content = <Loading label="Opening the report…" />;
  } else if (kind === "gone") {
    title = "This link doesn't work";
    content = <p>It may have expired or been revoked. Ask the person who sent it for a new one.</p>;
  } else if (kind === "problem" || !report.isSuccess && kind !== "code") {
    title = "The report couldn't be opened";
    content = (
      <>
        <p>Please try again in a moment.</p>
        <Button onClick={() => void report.refetch()}>Try again</Button>
      </>
    );
  } else if (kind === "code" || !report.isSuccess) {
    content = (
      <form className="form" noValidate onSubmit={submit} aria-labelledby={codeHeading}>
        <p id={codeHeading}>This report is protected by a 6-digit code, given to you separately from the link.</p>
        <ErrorSummary errors={shownCodeError ? [{ field: "access_code", message: shownCodeError }] : []} />
        <Field
          label="Code"
          name="access_code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          {...codeField}
          error={shownCodeError ?? undefined}
        />
        <Button type="submit" busy={report.isFetching}>
          Open the report
        </Button>
      </form>
    );
  } else {
    const data = report.data;
    content = (
      <div className="report">
        <p className="report__who">
          {periodText(data.start, data.end)} · link valid until {formatDate(data.expires_at)}
        </p>
        <p className="muted">Shared by the patient from their practice journal. Read-only.</p>
        {data.progress && data.progress.highlights.length > 0 ? (
          <ul className="highlights">
            {data.progress.highlights.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        ) : null}
        {data.goals ? <GoalsSection goals={data.goals} /> : null}
        {data.progress ? <ChartsSection progress={data.progress} /> : null}
        {data.entries ? <SessionsSection entries={data.entries} truncated={data.truncated} /> : null}
      </div>
    );
  }

  return (
    <main id="main" className="clinician-report">
      <h1 ref={heading} tabIndex={-1} className="page__title">
        {title}
      </h1>
      {content}
    </main>
  );
}
