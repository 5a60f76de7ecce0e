import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api } from "../api/client";
import { call } from "../api/call";
import type { Role } from "../api/types";
import { meKey } from "../app/auth";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field, RadioGroup } from "../ui/Field";
import { useFormErrors } from "../ui/forms";
import { Page } from "../ui/Page";

export const SPACE_NAME_MAX = 80;

export function CreateSpacePage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useFormErrors();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role | "">("");

  const create = useMutation({
    mutationFn: (chosen: Role) => call(api.POST("/api/v1/spaces", { body: { name: name.trim(), role: chosen } })),
    onSuccess: async (space) => {
      queryClient.setQueryData(["space", space.id], space);
      await queryClient.refetchQueries({ queryKey: meKey });
      void navigate("/space", { replace: true });
    },
    onError: (error) => form.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    const errors = [];
    if (trimmed === "") errors.push({ field: "name", message: "Give your space a name." });
    else if (trimmed.length > SPACE_NAME_MAX) {
      errors.push({ field: "name", message: `Use at most ${SPACE_NAME_MAX} characters.` });
    }
    if (role === "") errors.push({ field: "role", message: "Choose which of you you are." });
    if (form.validate(errors) && role !== "") create.mutate(role);
  }

  return (
    <Page
      title="Create your shared space"
      narrow
      lead="A space is where the two of you will check in, talk and plan. You can invite your partner once it exists."
    >
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <Field
          label="Name of your space"
          name="name"
          hint="Only the two of you will see it. For example: “Us two” or your first names."
          autoComplete="off"
          value={name}
          onChange={setName}
          error={form.fieldError("name")}
          required
          maxLength={SPACE_NAME_MAX}
        />
        <RadioGroup<Role>
          legend="Which of you are you?"
          name="role"
          value={role}
          onChange={setRole}
          error={form.fieldError("role")}
          options={[
            { value: "patient", label: "I'm the one doing the treatment" },
            { value: "partner", label: "I'm the partner" },
          ]}
        />
        <Button type="submit" busy={create.isPending}>
          Create space
        </Button>
      </form>
    </Page>
  );
}
