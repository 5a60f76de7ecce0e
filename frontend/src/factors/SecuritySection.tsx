import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { formatDateTime } from "../ui/format";
import { useFormErrors, useSchemaForm } from "../ui/form";
import { QueryStatus } from "../ui/QueryFallback";
import { createPasskey, passkeysSupported } from "./passkeys";
import { factorsKey, factorsQuery } from "./queries";
import { useStepUp } from "./stepUpContext";
import { appCodeSchema } from "./stepUpSchema";
import "./factors.css";

interface Enrollment {
  id: string;
  secret: string;
  otpauth_uri: string;
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const headingId = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="recovery-box" role="group" aria-labelledby={headingId}>
      <h3 id={headingId}>Your recovery codes</h3>
      <p>
        Each code signs you in once if you lose your phone or passkey. Keep them somewhere safe and private: they are
        shown only now.
      </p>
      <ul className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <StatusMessage>{copied ? "Copied." : null}</StatusMessage>
      <div className="actions">
        <Button
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(codes.join("\n")).then(() => setCopied(true));
          }}
        >
          Copy codes
        </Button>
        <Button onClick={onDone}>I've saved them</Button>
      </div>
    </div>
  );
}

/** Turning the authenticator app on: the six-digit code it shows proves the key was added. */
function AppCodeForm({
  enrollment,
  onStart,
  onDone,
  onCancel,
}: {
  enrollment: Enrollment;
  onStart: () => void;
  onDone: (added: { recovery_codes?: string[] | null }) => Promise<void>;
  onCancel: () => void;
}) {
  const form = useSchemaForm(appCodeSchema, { totp_code: "" });
  const confirmApp = useMutation({
    mutationFn: (code: string) =>
      call(
        api.POST("/api/v1/me/factors/totp/{factor_id}/confirm", {
          params: { path: { factor_id: enrollment.id } },
          body: { code },
        }),
      ),
    onMutate: onStart,
    onSuccess: onDone,
    onError: (error) => form.fromError(error, { 403: "That code isn't right. Check your app and try again." }),
  });
  const submit = form.onSubmit((values) => confirmApp.mutate(values.totp_code));
  return (
    <form className="form" noValidate onSubmit={submit}>
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      <p>
        In your authenticator app, add an account with this key (or open the link on your phone), then enter the
        six-digit code it shows.
      </p>
      <p>
        Key: <code className="totp-secret">{enrollment.secret}</code>
      </p>
      <p>
        <a href={enrollment.otpauth_uri}>Open in an authenticator app</a>
      </p>
      <Field
        label="Code from the app"
        name="totp_code"
        inputMode="numeric"
        autoComplete="one-time-code"
        {...form.bind("totp_code")}
      />
      <div className="actions">
        <Button type="submit" busy={confirmApp.isPending}>
          Turn on
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Passkeys, an authenticator app and recovery codes: the account page's "Sign-in and security". */
export function SecuritySection() {
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useFormErrors();
  const stepUp = useStepUp();
  const factors = useQuery(factorsQuery);
  const [status, setStatus] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: factorsKey });
  const begin = () => {
    form.clear();
    setStatus(null);
  };

  const addPasskey = useMutation({
    mutationFn: async () => {
      const { challenge_id, options } = await stepUp(() => call(api.POST("/api/v1/me/factors/passkeys/options")));
      const credential = await createPasskey(options);
      return stepUp(() =>
        call(api.POST("/api/v1/me/factors/passkeys", { body: { challenge_id, credential: { ...credential }, name: "Passkey" } })),
      );
    },
    onMutate: begin,
    onSuccess: async (added) => {
      setStatus("Your passkey has been added.");
      setCodes(added.recovery_codes ?? null);
      await refresh();
    },
    onError: (error) => form.fromError(error),
  });

  const startApp = useMutation({
    mutationFn: () => stepUp(() => call(api.POST("/api/v1/me/factors/totp", { body: { name: "Authenticator app" } }))),
    onMutate: begin,
    onSuccess: (started) => setEnrollment(started),
    onError: (error) => form.fromError(error),
  });

  const remove = useMutation({
    mutationFn: (factorId: string) =>
      stepUp(() => call(api.DELETE("/api/v1/me/factors/{factor_id}", { params: { path: { factor_id: factorId } } }))),
    onMutate: begin,
    onSuccess: async () => {
      setRemoving(null);
      setStatus("Removed.");
      await refresh();
    },
    onError: (error) => form.fromError(error),
  });

  const newCodes = useMutation({
    mutationFn: () => stepUp(() => call(api.POST("/api/v1/me/recovery-codes"))),
    onMutate: begin,
    onSuccess: (made) => setCodes(made.recovery_codes),
    onError: (error) => form.fromError(error),
  });

  const data = factors.data;
  const last = data ? data.factors.length === 1 : false;

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Sign-in and security</h2>
      <p>
        Add a passkey or an authenticator app and your password alone no longer opens Tandem: signing in also needs
        the passkey or a code. A passkey can also sign you in without a password.
      </p>
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      <StatusMessage>{status}</StatusMessage>
      {codes ? <RecoveryCodes codes={codes} onDone={() => setCodes(null)} /> : null}
      <QueryStatus
        query={factors}
        loading="Loading your sign-in methods…"
        failed="We couldn't load your sign-in methods. Please reload the page."
      />
      {data ? (
        <>
          <p>{data.two_step ? "Two-step sign-in is on." : "Two-step sign-in is off: your password alone signs you in."}</p>
          {data.factors.length > 0 ? (
            <ul className="plain-list sessions" aria-label="Your passkeys and apps">
              {data.factors.map((factor) => (
                <li key={factor.id} className="plain-list__item">
                  <span className="sessions__text">
                    <span className="sessions__device">
                      {factor.name}
                      <span className="tag">{factor.kind === "passkey" ? "Passkey" : "Authenticator app"}</span>
                    </span>
                    <span className="muted">
                      {factor.last_used_at ? `Last used ${formatDateTime(factor.last_used_at)}` : "Not used yet"} · added{" "}
                      {formatDateTime(factor.created_at)}
                    </span>
                  </span>
                  {removing === factor.id ? (
                    <span className="confirm" role="group" aria-label={`Confirm removing ${factor.name}`}>
                      <span className="confirm__question">
                        {last ? "Remove it? Two-step sign-in turns off and your recovery codes stop working." : "Remove it?"}
                      </span>
                      <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate(factor.id)}>
                        Yes, remove
                      </Button>
                      <Button variant="secondary" onClick={() => setRemoving(null)}>
                        Keep it
                      </Button>
                    </span>
                  ) : (
                    <Button variant="secondary" onClick={() => setRemoving(factor.id)} aria-label={`Remove ${factor.name}`}>
                      Remove
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
          {data.two_step ? <p className="muted">Recovery codes left: {data.recovery_codes_left}</p> : null}
        </>
      ) : null}
      {enrollment ? (
        <AppCodeForm
          enrollment={enrollment}
          onStart={begin}
          onDone={async (added) => {
            setEnrollment(null);
            setStatus("Your authenticator app is on.");
            setCodes(added.recovery_codes ?? null);
            await refresh();
          }}
          onCancel={() => setEnrollment(null)}
        />
      ) : (
        <div className="actions">
          {passkeysSupported() ? (
            <Button variant="secondary" busy={addPasskey.isPending} onClick={() => addPasskey.mutate()}>
              Add a passkey
            </Button>
          ) : null}
          <Button variant="secondary" busy={startApp.isPending} onClick={() => startApp.mutate()}>
            Add an authenticator app
          </Button>
          {data?.two_step ? (
            <Button variant="secondary" busy={newCodes.isPending} onClick={() => newCodes.mutate()}>
              Make new recovery codes
            </Button>
          ) : null}
        </div>
      )}
    </section>
  );
}
