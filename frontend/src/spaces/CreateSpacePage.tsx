import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import type { Role } from "../api/types";
import { meKey } from "../app/auth";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field, RadioGroup } from "../ui/Field";
import * as v from "valibot";
import { useSchemaForm } from "../ui/form";
import { spaceKeys } from "./queries";
import { Page } from "../ui/Page";

export const SPACE_NAME_MAX = 80;

/** The server's rules (backend/tandem/spaces/schemas.py SpaceName, the role a member takes). */
const spaceSchema = v.object({
  name: v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty("Give your space a name."),
    v.maxLength(SPACE_NAME_MAX, `Use at most ${SPACE_NAME_MAX} characters.`),
  ),
  // Nothing is chosen at first: the input is "" until a radio is picked.
  role: v.pipe(v.string(), v.picklist(["patient", "partner"] satisfies Role[], "Choose which of you you are.")),
});

export function CreateSpacePage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useSchemaForm(spaceSchema, { name: "", role: "" });

  const create = useMutation({
    mutationFn: (body: { name: string; role: Role }) => call(api.POST("/api/v1/spaces", { body })),
    onSuccess: async (space) => {
      queryClient.setQueryData(spaceKeys.one(space.id), space);
      await queryClient.refetchQueries({ queryKey: meKey });
      void navigate("/space", { replace: true });
    },
    onError: (error) => form.fromError(error),
  });

  const submit = form.onSubmit((space) => create.mutate(space));
  const role = form.bind("role");

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
          {...form.bind("name")}
          required
          maxLength={SPACE_NAME_MAX}
        />
        <RadioGroup<Role>
          legend="Which of you are you?"
          name="role"
          value={role.value as Role | ""}
          onChange={role.onChange}
          error={role.error}
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
