import { useQuery } from "@tanstack/react-query";
import { useEffect, useId } from "react";
import { Link, useSearchParams } from "../router";
import { useUser } from "../app/auth";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { formatDate } from "../ui/format";
import { useSchemaForm } from "../ui/form";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { printDiscreetly } from "../safety/discreet";
import { reportPeriodSchema } from "./periodSchema";
import { practiceQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { ChartsSection, GoalsSection, SessionsSection } from "./ReportSections";
import { daysBefore, isoDay, periodText } from "./time";
import type { Plan } from "./types";
import "./practice.css";
import { QueryFallback } from "../ui/QueryFallback";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A print-friendly report of the journal for the patient's clinician (prints cleanly to PDF). */
export function ReportPage() {
  const { spaceId } = useCurrentSpace();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const today = new Date();
  const start = DAY.test(params.get("start") ?? "") ? (params.get("start") as string) : isoDay(daysBefore(today, 27));
  const end = DAY.test(params.get("end") ?? "") ? (params.get("end") as string) : isoDay(today);
  const form = useSchemaForm(reportPeriodSchema, { report_start: start, report_end: end });
  const planHeading = useId();

  useEffect(() => {
    // Print styles hide the app's header, navigation and these controls while this page is open.
    document.documentElement.classList.add("practice-report");
    return () => document.documentElement.classList.remove("practice-report");
  }, []);

  const report = useQuery(practiceQueries.report(spaceId, start, end));

  const submit = form.onSubmit((period) => setParams({ start: period.report_start, end: period.report_end }));

  if (report.isError) return <QueryFallback title="Report for your clinician" queries={[report]} />;

  return (
    <Page title="Practice report" documentTitle="Report for your clinician">
      <div className="report__controls">
        <p className="muted">
          For your clinician or pelvic-floor physiotherapist. Only you can open this page. Use your browser's print
          button to print it or save it as a PDF, or <Link to="/practice/clinician-links">share it through a private link</Link>.
        </p>
        <form className="form report__period" noValidate onSubmit={submit}>
          <ErrorSummary message={form.message} errors={form.errors} />
          <div className="number-grid">
            <Field label="From" name="report_start" type="date" {...form.bind("report_start")} />
            <Field label="To" name="report_end" type="date" {...form.bind("report_end")} />
          </div>
          <div className="actions">
            <Button type="submit" variant="secondary">
              Show this period
            </Button>
            <Button onClick={printDiscreetly}>Print or save as PDF</Button>
          </div>
        </form>
      </div>
      {report.isPending ? <Loading label="Preparing the report…" /> : null}
      {report.data ? (
        <div className="report">
          <p className="report__who">
            {user.display_name} · {periodText(report.data.start, report.data.end)} · prepared {formatDate(new Date().toISOString())}
          </p>
          {report.data.progress.highlights.length > 0 ? (
            <ul className="highlights">
              {report.data.progress.highlights.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          ) : (
            <p>No practice logged in this period.</p>
          )}
          <PlanSection plan={report.data.plan} headingId={planHeading} />
          <GoalsSection goals={report.data.goals} />
          <ChartsSection progress={report.data.progress} />
          <SessionsSection entries={report.data.entries} truncated={report.data.truncated} />
        </div>
      ) : null}
    </Page>
  );
}

function PlanSection({ plan, headingId }: { plan: Plan; headingId: string }) {
  const rows: [string, string | number | null][] = [
    ["Hold", plan.hold_min_minutes || plan.hold_max_minutes ? `${plan.hold_min_minutes ?? "?"}–${plan.hold_max_minutes ?? "?"} minutes` : null],
    ["Sessions per week", plan.sessions_per_week],
    ["Move up after", plan.size_up_sessions ? `${plan.size_up_sessions} comfortable sessions` : null],
    ["Each held at least", plan.size_up_min_minutes ? `${plan.size_up_min_minutes} minutes` : null],
    ["Pain at most", plan.size_up_max_pain],
    ["Anxiety at most", plan.size_up_max_anxiety],
    ["Notes", plan.notes],
  ];
  const given = rows.filter(([, value]) => value !== null && value !== "");
  return (
    <section aria-labelledby={headingId} className="report__section">
      <h2 id={headingId}>Plan</h2>
      {given.length === 0 ? (
        <p>No plan entered.</p>
      ) : (
        <dl className="details">
          {given.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
