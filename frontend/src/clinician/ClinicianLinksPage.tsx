import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Checkbox, Field, Select } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { formatDateTime } from "../ui/format";
import { Page } from "../ui/Page";
import { Loading } from "../ui/Loading";
import { daysBefore, isoDay, periodText, timeZone } from "../practice/time";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import "./clinician.css";
import { EXPIRY_CHOICES, linkSchema, type LinkForm } from "./linkSchema";
import { clinicianKeys, clinicianQueries, SECTION_LABEL, type ClinicianLink, type CreatedLink, type Section } from "./queries";

const EXPIRY_OPTIONS = EXPIRY_CHOICES.map((days) => ({ value: String(days), label: days === 1 ? "1 day" : `${days} days` }));
const STATUS_LABEL: Record<ClinicianLink["status"], string> = {
  active: "Works until",
  expired: "Expired",
  locked: "Locked after too many wrong codes",
};

function defaults(): LinkForm {
  const today = new Date();
  return {
    period_start: isoDay(daysBefore(today, 27)),
    period_end: isoDay(today),
    // Nothing is shared until the patient ticks it.
    sessions: false,
    charts: false,
    goals: false,
    expires_in_days: "7",
    with_code: false,
  };
}

function NewLinkSection({ spaceId, onCreated }: { spaceId: string; onCreated: (link: CreatedLink) => void }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useSchemaForm(linkSchema, defaults());

  const create = useMutation({
    mutationFn: (values: LinkForm) =>
      call(
        api.POST("/api/v1/spaces/{space_id}/clinician-links", {
          params: { path: { space_id: spaceId } },
          body: {
            period_start: values.period_start,
            period_end: values.period_end,
            sections: (["sessions", "charts", "goals"] as Section[]).filter((s) => values[s]),
            expires_in_days: Number(values.expires_in_days),
            time_zone: timeZone(),
            with_code: values.with_code,
          },
        }),
      ),
    onSuccess: async (created) => {
      form.reset(defaults());
      onCreated(created);
      await queryClient.invalidateQueries({ queryKey: clinicianKeys.links(spaceId) });
    },
    onError: (error) => form.fromError(error),
  });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>New link</h2>
      <form className="form" noValidate onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <div className="number-grid">
          <Field label="From" name="period_start" type="date" {...form.bind("period_start")} />
          <Field label="To" name="period_end" type="date" {...form.bind("period_end")} />
        </div>
        <fieldset className="field">
          <legend>What the link shows</legend>
          <Checkbox label={SECTION_LABEL.sessions} name="sessions" checked={form.values.sessions} onChange={(c) => form.set("sessions", c)} error={form.bind("sessions").error} />
          <Checkbox label={SECTION_LABEL.charts} name="charts" checked={form.values.charts} onChange={(c) => form.set("charts", c)} />
          <Checkbox label={SECTION_LABEL.goals} name="goals" checked={form.values.goals} onChange={(c) => form.set("goals", c)} />
        </fieldset>
        <Select label="Stops working after" name="expires_in_days" options={EXPIRY_OPTIONS} {...form.bind("expires_in_days")} />
        <Checkbox
          label="Also ask for a 6-digit code (give it separately, for example by phone)"
          name="with_code"
          checked={form.values.with_code}
          onChange={(c) => form.set("with_code", c)}
        />
        <Button type="submit" busy={create.isPending}>
          Create link
        </Button>
      </form>
    </section>
  );
}

function CreatedSection({ created }: { created: CreatedLink }) {
  const headingId = useId();
  const [copied, setCopied] = useState<string | null>(null);
  const address = `${window.location.origin}${created.path}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(address);
      setCopied("Link copied.");
    } catch {
      setCopied("Copying didn't work here: select the link and copy it.");
    }
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Your new link</h2>
      <p>Shown only now: Tandem keeps no copy it could show again.</p>
      <p className="clinician-links__address" data-testid="new-link">
        {address}
      </p>
      <Button variant="secondary" onClick={() => void copy()}>
        Copy link
      </Button>
      <StatusMessage>{copied}</StatusMessage>
      {created.code ? (
        <>
          <p>The code to give separately:</p>
          <p className="clinician-links__code" data-testid="new-code">
            {created.code}
          </p>
        </>
      ) : null}
    </section>
  );
}

function LinkItem({ link, spaceId }: { link: ClinicianLink; spaceId: string }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () =>
      call(
        api.DELETE("/api/v1/spaces/{space_id}/clinician-links/{clinician_link_id}", {
          params: { path: { space_id: spaceId, clinician_link_id: link.id } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clinicianKeys.links(spaceId) }),
  });
  const active = link.status === "active";
  const label = `${periodText(link.period_start, link.period_end)}`;
  return (
    <li className="card card--quiet" data-testid="clinician-link">
      <h3>{label}</h3>
      <p>{link.sections.map((s) => SECTION_LABEL[s]).join(" · ")}</p>
      <p>
        {STATUS_LABEL[link.status]}
        {link.status === "active" || link.status === "expired" ? ` ${formatDateTime(link.expires_at)}` : ""}
        {link.has_code ? " · with a code" : ""}
      </p>
      {link.opened_count === 0 ? (
        <p className="muted">Not opened yet.</p>
      ) : (
        <>
          <p>Opened {link.opened_count === 1 ? "once" : `${link.opened_count} times`}:</p>
          <ul className="clinician-links__openings" data-testid="openings">
            {link.opened.map((at) => (
              // Times to the microsecond: one opening each.
              <li key={at}>{formatDateTime(at)}</li>
            ))}
          </ul>
        </>
      )}
      {revoke.isError ? <p role="alert">This didn't work. Please try again.</p> : null}
      <Button variant="secondary" busy={revoke.isPending} onClick={() => revoke.mutate()}>
        {active ? "Revoke link" : "Remove"}
        <span className="visually-hidden"> for {label}</span>
      </Button>
    </li>
  );
}

/** The patient's links to their report for a clinician: make, see, copy and revoke them. */
export function ClinicianLinksPage() {
  const { spaceId } = useCurrentSpace();
  const headingId = useId();
  const [created, setCreated] = useState<CreatedLink | null>(null);
  const links = useQuery(clinicianQueries.links(spaceId));

  return (
    <Page
      title="Share your report with a clinician"
      documentTitle="Clinician links"
      lead="A private link that opens a read-only copy of your report, for the period and the parts you choose. No account is needed to open it; nothing of your partner is in it."
    >
      <p>
        <Link to="/practice/report">See the full report</Link>
      </p>
      {created ? <CreatedSection created={created} /> : null}
      <NewLinkSection spaceId={spaceId} onCreated={setCreated} />
      <section className="card" aria-labelledby={headingId}>
        <h2 id={headingId}>Your links</h2>
        <p className="muted">You see each time a link was opened (the time only, nothing about who opened it).</p>
        {links.isPending ? (
          <Loading label="Loading your links…" />
        ) : links.isError ? (
          <p role="alert">Your links couldn't be loaded just now.</p>
        ) : links.data.items.length === 0 ? (
          <p>No links yet.</p>
        ) : (
          <ul className="clinician-links__list">
            {links.data.items.map((link) => (
              <LinkItem key={link.id} link={link} spaceId={spaceId} />
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
