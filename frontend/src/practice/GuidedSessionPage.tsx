import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useNavigate } from "../router";
import { Button } from "../ui/Button";
import { RadioGroup } from "../ui/Field";
import { Page } from "../ui/Page";
import { practiceQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { BreathingPacer } from "./BreathingPacer";
import { EntryForm, defaultDraft } from "./EntryForm";
import { useLowLight } from "../ui/theme";
import { GUIDED_HOLD_KEY } from "./guidedHold";
import { HoldTimer, elapsedSince } from "./HoldTimer";
import "./practice.css";
import { GuideLink } from "../guides/GuideLink";
import { GUIDE_FOR } from "../guides/links";
import { QueryFallback } from "../ui/QueryFallback";

type Step = "breathe" | "prepare" | "hold" | "log" | "clean" | "stopped";

interface Hold {
  startedAt: number;
  sizeId: string;
  elapsedMs?: number;
  stoppedEarly?: boolean;
}

/** The hold survives a reload (a phone may drop a sleeping tab) for a few hours, in this tab only. */
const STORAGE_KEY = GUIDED_HOLD_KEY;
const KEEP_MS = 3 * 60 * 60_000;

function loadHold(): Hold | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const hold = JSON.parse(raw) as Hold;
    if (typeof hold.startedAt !== "number" || Date.now() - hold.startedAt > KEEP_MS) return null;
    return hold;
  } catch {
    return null;
  }
}

function saveHold(hold: Hold | null) {
  try {
    if (hold) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(hold));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private browsing may refuse storage; the session still works without it.
  }
}

const STEP_TITLE: Record<Step, string> = {
  breathe: "Breathe and settle",
  prepare: "Get ready",
  hold: "Hold",
  log: "How did it go?",
  clean: "Afterwards",
  stopped: "You stopped, and that's okay",
};

export function GuidedSessionPage() {
  const { spaceId } = useCurrentSpace();
  const overview = useQuery(practiceQueries.overview(spaceId));
  const navigate = useNavigate();
  const [hold, setHold] = useState<Hold | null>(loadHold);
  const [lowLight, setLowLight] = useLowLight();
  const [step, setStep] = useState<Step>(() => {
    const restored = loadHold();
    if (!restored) return "breathe";
    return restored.elapsedMs !== undefined ? "log" : "hold";
  });
  const [timing, setTiming] = useState<{ inhale: number; exhale: number } | null>(null);
  const [sizeId, setSizeId] = useState("");
  const prepHeading = useId();

  if (!overview.isSuccess) return <QueryFallback title="Guided session" loading="Getting your session ready…" queries={[overview]} />;
  const data = overview.data;
  const pacer = timing ?? { inhale: data.pacer.inhale_seconds, exhale: data.pacer.exhale_seconds };
  const chosenSize = sizeId || defaultDraft(data).sizeId || "";
  const holdWindow = data.hold_window;

  function stopNow() {
    if (step === "hold" && hold) {
      finish(elapsedSince(hold.startedAt, Date.now()), true);
      return;
    }
    saveHold(null);
    setStep("stopped");
  }

  function startHold() {
    const started: Hold = { startedAt: Date.now(), sizeId: chosenSize };
    saveHold(started);
    setHold(started);
    setStep("hold");
  }

  function finish(elapsedMs: number, stoppedEarly: boolean) {
    if (!hold) return;
    const done = { ...hold, elapsedMs, stoppedEarly };
    saveHold(done);
    setHold(done);
    setStep("log");
  }

  const stopButton =
    step === "breathe" || step === "prepare" || step === "hold" ? (
      <div className="guided__stop">
        <Button variant="secondary" onClick={stopNow}>
          Stop now
        </Button>
      </div>
    ) : null;

  return (
    // A new step is a new page for screen readers: remounting moves focus to its heading.
    <Page key={step} title={STEP_TITLE[step]} documentTitle="Guided session" narrow>
      <GuideLink to={GUIDE_FOR.guidedSession}>Guide: dilator practice, step by step</GuideLink>
      <ol className="guided__steps" aria-label="Steps of the session">
        {(["breathe", "prepare", "hold", "log", "clean"] as const).map((s) => (
          <li key={s} className={s === step ? "guided__step guided__step--current" : "guided__step"} aria-current={s === step ? "step" : undefined}>
            {STEP_TITLE[s]}
          </li>
        ))}
      </ol>
      <Button variant="secondary" className="guided__low-light" aria-pressed={lowLight} onClick={() => setLowLight(!lowLight)}>
        Low light
      </Button>
      {stopButton}

      {step === "breathe" ? (
        <section className="card">
          <p>
            Breathe slowly into your belly. With each breath out, let your shoulders, jaw and pelvic floor soften and
            drop. Follow the circle for as long as you like.
          </p>
          <BreathingPacer
            inhale={pacer.inhale}
            exhale={pacer.exhale}
            onTiming={(inhale, exhale) => setTiming({ inhale, exhale })}
          />
          <Button onClick={() => setStep("prepare")}>I feel settled, continue</Button>
        </section>
      ) : null}

      {step === "prepare" ? (
        <section className="card" aria-labelledby={prepHeading}>
          <h2 id={prepHeading}>Before you start</h2>
          <ul className="checklist">
            <li>Plenty of water-based lubricant. Oil-based products can damage silicone dilators.</li>
            <li>A private, calm place where you won't be disturbed.</li>
            <li>Lie on your back with your knees bent, with a pillow under your knees if that's comfortable.</li>
            <li>
              Go gently, angled slightly toward your tailbone. When you meet resistance, pause there and breathe; never
              push through pain.
            </li>
          </ul>
          {data.sizes.length > 0 ? (
            <RadioGroup<string>
              legend="Size for today"
              name="guided_size"
              value={chosenSize}
              onChange={setSizeId}
              options={data.sizes.map((s) => ({ value: s.id, label: `Size ${s.label}` }))}
            />
          ) : (
            <p className="practice-note">
              To log dilator practice afterwards, <Link to="/practice/setup">describe your dilator set</Link> first.
            </p>
          )}
          <p>
            Hold for about {holdWindow.min_minutes} to {holdWindow.max_minutes} minutes
            {holdWindow.from_plan ? ", as your plan suggests" : ""}, or less if that feels right today. There's no alarm.
          </p>
          <Button onClick={startHold} disabled={data.sizes.length === 0}>
            Start the hold timer
          </Button>
        </section>
      ) : null}

      {step === "hold" && hold ? (
        <section className="card">
          <HoldTimer
            startedAt={hold.startedAt}
            minMinutes={holdWindow.min_minutes}
            maxMinutes={holdWindow.max_minutes}
            fromPlan={holdWindow.from_plan}
            onFinish={finish}
          />
        </section>
      ) : null}

      {step === "log" && hold ? (
        <section className="card">
          {hold.stoppedEarly ? <p>Stopping is always okay. Listening to your body is part of the practice.</p> : null}
          <p className="muted">The time is filled in from the timer. Change anything that isn't right.</p>
          <EntryForm
            spaceId={spaceId}
            overview={data}
            initial={{
              ...defaultDraft(data),
              kind: "dilator",
              when: new Date(hold.startedAt),
              minutes: Math.min(240, Math.max(1, Math.round((hold.elapsedMs ?? 0) / 60_000))),
              sizeId: hold.sizeId || chosenSize,
              guided: true,
            }}
            submitLabel="Save to my journal"
            onSaved={() => {
              saveHold(null);
              setStep("clean");
            }}
          />
          <p>
            <Button
              variant="link"
              onClick={() => {
                saveHold(null);
                setStep("clean");
              }}
            >
              Skip logging this time
            </Button>
          </p>
        </section>
      ) : null}

      {step === "clean" ? (
        <section className="card">
          <p>
            Wash your dilator with mild soap and warm water, and let it air dry before you put it away.
          </p>
          <p>
            Well done for making time for this. If anything hurt a lot, bled, or just felt wrong, talk to your clinician
            or pelvic-floor physiotherapist.
          </p>
          <div className="actions">
            <Button onClick={() => navigate("/practice/progress")}>See your progress</Button>
            <Link className="button button--secondary" to="/practice">
              Back to your practice
            </Link>
          </div>
        </section>
      ) : null}

      {step === "stopped" ? (
        <section className="card">
          <p>Stopping is always fine. You can come back whenever you like, or log what you did do.</p>
          <div className="actions">
            <Link className="button button--primary" to="/practice/log">
              Log practice
            </Link>
            <Link className="button button--secondary" to="/practice">
              Back to your practice
            </Link>
          </div>
        </section>
      ) : null}
    </Page>
  );
}
