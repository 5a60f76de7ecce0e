import { useMutation } from "@tanstack/react-query";
import { useId } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { downloadName } from "../safety/discreet";
import { useStepUp } from "../factors/stepUpContext";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { useFormErrors } from "../ui/formErrors";

export const EXPORT_FILENAME = "tandem-export.json";

function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportSection() {
  const headingId = useId();
  const form = useFormErrors();

  const stepUp = useStepUp();
  const download = useMutation({
    mutationFn: () => stepUp(() => call(api.GET("/api/v1/me/export", { parseAs: "blob" }))),
    onMutate: () => form.clear(),
    onSuccess: (blob) => saveBlob(new Blob([blob], { type: "application/json" }), downloadName(EXPORT_FILENAME, "json")),
    onError: (error) => form.fromError(error),
  });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Your data</h2>
      <p>
        Download a copy of your account and what you've written in Tandem, as a JSON file. Keep it somewhere
        private: it may contain health information.
      </p>
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      <Button variant="secondary" busy={download.isPending} onClick={() => download.mutate()}>
        Download my data
      </Button>
    </section>
  );
}
