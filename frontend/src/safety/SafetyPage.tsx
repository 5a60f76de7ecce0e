import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { problemOf } from "../api/problem";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Checkbox, Field, Select } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { DISCREET_LOOKS, discreetLook, setDiscreetLook, type DiscreetLook } from "./discreet";
import { markLocked } from "./lockState";
import { safetyKeys, safetyQueries } from "./queries";
import { saveDestination } from "./quickExit";
import { SharingLink } from "./SafetyLinkSection";
import { appLockSchema, IDLE_CHOICES, passwordOnlySchema, quickExitSchema } from "./validation";

const IDLE_OPTIONS = IDLE_CHOICES.map((minutes) => ({
  value: String(minutes),
  label: minutes === 1 ? "1 minute" : minutes === 60 ? "1 hour" : `${minutes} minutes`,
}));

function AppLockSection() {
  const queryClient = useQueryClient();
  const headingId = useId();
  const lock = useQuery(safetyQueries.appLock());
  const form = useSchemaForm(appLockSchema, { pin: "", decoy_pin: "", idle_minutes: "5", password: "" });
  const removal = useSchemaForm(passwordOnlySchema, { password: "" });
  const [status, setStatus] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (values: { pin: string; decoy_pin: string; idle_minutes: string; password: string }) =>
      call(
        api.PUT("/api/v1/me/app-lock", {
          body: {
            pin: values.pin,
            decoy_pin: values.decoy_pin === "" ? null : values.decoy_pin,
            idle_minutes: Number(values.idle_minutes),
            password: values.password,
          },
        }),
      ),
    onMutate: () => setStatus(null),
    onSuccess: (answer) => {
      queryClient.setQueryData(safetyKeys.appLock, answer);
      form.reset({ pin: "", decoy_pin: "", idle_minutes: String(answer.idle_minutes), password: "" });
      setStatus("Your app lock is on.");
    },
    onError: (error) => {
      if (problemOf(error)?.status === 403) form.fail("password", "That isn't your password.");
      else form.fromError(error);
    },
  });

  const remove = useMutation({
    mutationFn: (body: { password: string }) => call(api.DELETE("/api/v1/me/app-lock", { body })),
    onMutate: () => setStatus(null),
    onSuccess: async () => {
      removal.reset({ password: "" });
      setStatus("Your app lock is off.");
      await queryClient.invalidateQueries({ queryKey: safetyKeys.appLock });
    },
    onError: (error) => {
      if (problemOf(error)?.status === 403) removal.fail("password", "That isn't your password.");
      else removal.fromError(error);
    },
  });

  const lockNow = useMutation({
    mutationFn: () => call(api.POST("/api/v1/me/app-lock/lock")),
    onSuccess: () => markLocked(),
  });

  const isSet = lock.data?.set ?? false;

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>App lock</h2>
      <p>
        A PIN that Tandem asks for after a few idle minutes, or when you lock it. While locked, this browser shows nothing
        of your space, even to someone who copies its cookies. Five wrong PINs sign you out.
      </p>
      <StatusMessage>{status}</StatusMessage>
      {lock.isPending ? <Loading label="Loading your app lock…" /> : null}
      {isSet ? (
        <p>
          <strong>On.</strong> It locks after {lock.data?.idle_minutes} idle minutes.{" "}
          <Button variant="secondary" busy={lockNow.isPending} onClick={() => lockNow.mutate()}>
            Lock now
          </Button>
        </p>
      ) : null}
      <form className="form" noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <Field
          label={isSet ? "New PIN" : "PIN"}
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          hint="4 to 8 digits. Not your phone's PIN."
          maxLength={8}
          {...form.bind("pin")}
          required
        />
        <Select label="Lock after" name="idle_minutes" options={IDLE_OPTIONS} {...form.bind("idle_minutes")} />
        <Field
          label="Decoy PIN (optional)"
          name="decoy_pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          hint="If someone makes you unlock Tandem, this PIN signs you out quietly and shows a blank page."
          maxLength={8}
          {...form.bind("decoy_pin")}
        />
        <Field
          label="Your password"
          name="password"
          type="password"
          autoComplete="current-password"
          {...form.bind("password")}
          required
        />
        <Button type="submit" busy={save.isPending}>
          {isSet ? "Change app lock" : "Turn on app lock"}
        </Button>
      </form>
      {isSet ? (
        <form className="form" noValidate onSubmit={removal.onSubmit((values) => remove.mutate(values))}>
          <h3>Turn the app lock off</h3>
          <ErrorSummary message={removal.message} errors={removal.errors} />
          <Field
            label="Your password"
            name="remove_password"
            type="password"
            autoComplete="current-password"
            {...removal.bind("password")}
            required
          />
          <Button type="submit" variant="secondary" busy={remove.isPending}>
            Turn off app lock
          </Button>
        </form>
      ) : null}
    </section>
  );
}

function QuickExitSection() {
  const queryClient = useQueryClient();
  const headingId = useId();
  const settings = useQuery(safetyQueries.quickExit());
  const form = useSchemaForm(quickExitSchema, { url: "", signs_out: true });
  const [status, setStatus] = useState<string | null>(null);
  const loaded = settings.data;

  useEffect(() => {
    if (!loaded) return;
    form.reset({ url: loaded.url ?? "", signs_out: loaded.signs_out });
    saveDestination(loaded.url);
    // Only when the saved settings change, not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);

  const save = useMutation({
    mutationFn: (values: { url: string; signs_out: boolean }) =>
      call(api.PUT("/api/v1/me/quick-exit", { body: { url: values.url === "" ? null : values.url, signs_out: values.signs_out } })),
    onMutate: () => setStatus(null),
    onSuccess: (answer) => {
      queryClient.setQueryData(safetyKeys.quickExit, answer);
      saveDestination(answer.url);
      setStatus("Saved.");
    },
    onError: (error) => form.fromError(error),
  });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Quick exit</h2>
      <p>
        The <strong>Exit</strong> button at the top of every page, or <kbd>Esc</kbd> pressed twice, hides Tandem at once,
        forgets what this page had loaded and opens another page in its place, so Back does not return to Tandem. It also
        locks Tandem in this browser if you have an app lock, or signs you out.
      </p>
      <p className="safety-help">
        What it can't do: it doesn't remove Tandem from the browser's history list, it doesn't sign out your other
        devices, and it can't hide anything from monitoring software on this device. A private browsing window leaves
        less behind.
      </p>
      <form className="form" noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <StatusMessage>{status}</StatusMessage>
        <Field
          label="Go to this address (optional)"
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          hint={`For example a news or weather site. Empty: ${loaded?.default_destination === "/start" ? "a blank page" : (loaded?.default_destination ?? "a blank page")}.`}
          {...form.bind("url")}
        />
        <Checkbox
          label="Sign me out when I use quick exit (without an app lock)"
          name="signs_out"
          checked={form.values.signs_out}
          onChange={(checked) => form.set("signs_out", checked)}
        />
        <Button type="submit" busy={save.isPending}>
          Save quick exit
        </Button>
      </form>
    </section>
  );
}

const LOOK_OPTIONS = [
  { value: "off", label: "Off: the tab says Tandem" },
  ...Object.entries(DISCREET_LOOKS).map(([value, look]) => ({ value, label: `"${look.title}" with a plain icon` })),
];

function DiscreetSection() {
  const headingId = useId();
  const [look, setLook] = useState<string>(() => discreetLook() ?? "off");
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Discreet mode on this device</h2>
      <p>
        The browser tab shows a neutral name and icon instead of Tandem. This is kept on this device only; your
        partner doesn't see it.
      </p>
      <Select
        label="Tab name and icon"
        name="discreet"
        options={LOOK_OPTIONS}
        value={look}
        onChange={(value) => {
          setLook(value);
          setDiscreetLook(value === "off" ? null : (value as DiscreetLook));
        }}
      />
    </section>
  );
}

function SharingSection() {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>What you share</h2>
      <p>See everything your partner can see of yours, and stop sharing any of it, or all of it at once.</p>
      <SharingLink />
    </section>
  );
}

export function SafetyPage() {
  return (
    <Page title="Safety and discretion">
      <SharingSection />
      <AppLockSection />
      <QuickExitSection />
      <DiscreetSection />
    </Page>
  );
}
