import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { problemOf } from "../api/problem";
import { Button } from "../ui/Button";
import { refreshPractice } from "./queries";
import type { Size } from "./types";

/** "1, 2, 3" or "XS S M": the labels in the order written, smallest first. */
export function parseLabels(text: string): string[] {
  const separator = text.includes(",") ? "," : /\s+/;
  return text
    .split(separator)
    .map((label) => label.trim())
    .filter((label) => label !== "");
}

interface InlineSetFormProps {
  spaceId: string;
  onSaved: (sizes: Size[]) => void;
}

/**
 * Describing the dilator set from inside the log form (not a nested form: the entry's fields stay as
 * they are). The full setup page can reorder and rename later.
 */
export function InlineSetForm({ spaceId, onSaved }: InlineSetFormProps) {
  const queryClient = useQueryClient();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (labels: string[]) =>
      call(
        api.PUT("/api/v1/spaces/{space_id}/practice/dilator-set", {
          params: { path: { space_id: spaceId } },
          body: { sizes: labels.map((label) => ({ label })) },
        }),
      ),
    onSuccess: async (sizes) => {
      await refreshPractice(queryClient, spaceId);
      onSaved(sizes);
    },
    onError: (failure) => setError(problemOf(failure)?.detail || "We couldn't save your set. Please try again."),
  });
  const submit = () => {
    const labels = parseLabels(text);
    if (labels.length === 0) {
      setError("Enter the sizes of your set, for example 1, 2, 3, 4.");
      return;
    }
    setError(null);
    save.mutate(labels);
  };
  return (
    <div className="inline-set card card--quiet">
      <label className="field__label" htmlFor={inputId}>
        Your dilator sizes, smallest first
      </label>
      <p className="field__hint" id={hintId}>
        The labels printed on them, separated by commas (for example 1, 2, 3, 4). You can change them later in{" "}
        <Link to="/practice/setup">your set</Link>.
      </p>
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
      <input
        id={inputId}
        className="field__input"
        value={text}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          // Enter saves the set, not the entry around it.
          if (event.key === "Enter") {
            event.preventDefault();
            submit();
          }
        }}
      />
      <Button variant="secondary" busy={save.isPending} onClick={submit}>
        Save sizes
      </Button>
    </div>
  );
}
