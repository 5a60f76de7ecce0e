import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "../router";
import { RadioGroup } from "../ui/Field";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { practiceQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { PainAnxietyChart, SizesChart, WeeksChart } from "./charts";
import { ReadinessHint } from "./ReadinessHint";
import { daysBefore, isoDay, periodText } from "./time";
import { WelcomeBack } from "./WelcomeBack";
import "./practice.css";
import { QueryFallback } from "../ui/QueryFallback";

type Span = "28" | "91" | "365";

export function ProgressPage() {
  const { spaceId } = useCurrentSpace();
  const [span, setSpan] = useState<Span>("28");
  const today = new Date();
  const end = isoDay(today);
  const start = isoDay(daysBefore(today, Number(span) - 1));
  const overview = useQuery(practiceQueries.overview(spaceId));
  const progress = useQuery(practiceQueries.progress(spaceId, start, end));
  const highlightsHeading = useId();
  const chartsHeading = useId();

  // The page shows as soon as it can; only a failure replaces it.
  if (overview.isError || progress.isError) return <QueryFallback title="Your progress" queries={[overview, progress]} />;

  return (
    <Page title="Your progress" lead="How your practice has been going, in your own time. Only you can see this.">
      {overview.data ? <WelcomeBack overview={overview.data} /> : null}
      {overview.data ? <ReadinessHint overview={overview.data} /> : null}
      <div className="period-choice">
        <RadioGroup<Span>
          legend="Period"
          name="span"
          value={span}
          onChange={setSpan}
          options={[
            { value: "28", label: "Last 4 weeks" },
            { value: "91", label: "Last 3 months" },
            { value: "365", label: "Last 12 months" },
          ]}
        />
      </div>
      {progress.isPending ? <Loading label="Loading your progress…" /> : null}
      {progress.data ? (
        <>
          <section className="card" aria-labelledby={highlightsHeading}>
            <h2 id={highlightsHeading}>Highlights</h2>
            <p className="muted">{periodText(progress.data.start, progress.data.end)}</p>
            {progress.data.highlights.length > 0 ? (
              <ul className="highlights">
                {progress.data.highlights.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            ) : (
              <p>
                Nothing logged in this period. That's fine: whenever you pick it up again, start with what feels
                comfortable.
              </p>
            )}
          </section>
          <section className="card charts" aria-labelledby={chartsHeading}>
            <h2 id={chartsHeading}>Charts</h2>
            {progress.data.dilator_sessions.length > 0 ? (
              <>
                <PainAnxietyChart
                  points={progress.data.dilator_sessions}
                  start={progress.data.start}
                  end={progress.data.end}
                />
                <SizesChart
                  points={progress.data.dilator_sessions}
                  sizes={progress.data.sizes}
                  start={progress.data.start}
                  end={progress.data.end}
                />
              </>
            ) : (
              <p className="chart__empty">
                Nothing logged yet for pain, anxiety or sizes in this period: they are charted from dilator sessions.
              </p>
            )}
            {progress.data.practice_days > 0 ? (
              <WeeksChart weeks={progress.data.weeks} />
            ) : (
              <p className="chart__empty">Nothing logged yet for practice days in this period.</p>
            )}
          </section>
          <p>
            <Link to="/practice/report">Make a report for your clinician</Link>
          </p>
        </>
      ) : null}
    </Page>
  );
}
