/**
 * The one form pattern: react-hook-form holds the values, a valibot schema (written next to the
 * form, with the server's rules and sentences) validates them on submit, and the errors show the
 * usual way: an ErrorSummary linking to each field, and the message next to the field. Errors the
 * server sends back land on the same fields.
 *
 *     const form = useSchemaForm(entrySchema, defaults);
 *     <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
 *       <ErrorSummary message={form.message} errors={form.errors} />
 *       <Field label="Minutes" name="minutes" {...form.bind("minutes")} />
 *
 * A list of rows (the dilator set) keeps its rows with react-hook-form's useFieldArray on
 * `form.control`, and binds each row's value by its path (`form.bind(\`sizes.${index}.label\`)`, in
 * the page as `field-sizes.<index>.label`); errors on a row, or on the whole list, show the same way.
 */
import { valibotResolver } from "@hookform/resolvers/valibot";
import { useState, type FormEvent } from "react";
import { get, useForm, useWatch, type DefaultValues, type FieldValues, type Path, type PathValue } from "react-hook-form";
import { flatten, safeParse, type GenericSchema, type InferOutput } from "valibot";
import { describeProblem, problemOf, type FieldError } from "../api/problem";

interface SchemaFormOptions {
  /**
   * Put before each field's name in the page (its input's `field-<prefix><name>` id), for a form
   * shown more than once on a page; the error summary then links to the right input.
   */
  prefix?: string;
}

export function useSchemaForm<Values extends FieldValues, Output = Values>(
  schema: GenericSchema<Values, Output>,
  defaultValues: NoInfer<DefaultValues<Values>>,
  { prefix = "" }: SchemaFormOptions = {},
) {
  const form = useForm<Values, unknown, Output>({
    resolver: valibotResolver(schema),
    defaultValues,
    mode: "onSubmit",
    reValidateMode: "onSubmit",
    // The error summary takes the reader to each field; focus stays where the person is.
    shouldFocusError: false,
  });
  const [message, setMessage] = useState<string | null>(null);
  const { errors: found } = form.formState;
  // Every change renders the form again (the forms are small), so reading values below is current.
  useWatch({ control: form.control });

  const errors: FieldError[] = fieldErrors(found).map(({ field, message }) => ({ field: prefix + field, message }));

  return {
    /** Field errors for the ErrorSummary (client-side or from the server). */
    errors,
    /** A sentence about the whole form, if any. */
    message,
    values: form.getValues(),
    /** For react-hook-form's useFieldArray, when the form holds a list of rows. */
    control: form.control,
    /** A field's name in the page (with the form's prefix), for the control's `name`. */
    name(name: Path<Values>): string {
      return prefix + name;
    },
    /** The props a Field, TextArea, Select or RadioGroup needs for one value. */
    bind<N extends Path<Values>>(name: N) {
      return {
        value: form.getValues(name),
        onChange: (value: PathValue<Values, N>) => form.setValue(name, value, { shouldDirty: true }),
        error: messageOf(get(found, name)),
      };
    },
    set<N extends Path<Values>>(name: N, value: PathValue<Values, N>) {
      form.setValue(name, value, { shouldDirty: true });
    },
    /** Validate, then hand the parsed values on (the form's own submit handler). */
    onSubmit(handle: (values: Output) => void) {
      return (event: FormEvent) => {
        setMessage(null);
        void form.handleSubmit(handle)(event);
      };
    },
    /** Mark one field with a sentence (an answer from the server that belongs to that field). */
    fail(name: Path<Values>, message: string) {
      form.setError(name, { type: "server", message });
    },
    clear() {
      form.clearErrors();
      setMessage(null);
    },
    reset(values: DefaultValues<Values>) {
      form.reset(values);
      setMessage(null);
    },
    /** Show an error from the API on its fields, or as a sentence; `overrides` maps a status to a sentence. */
    fromError(error: unknown, overrides: Partial<Record<number, string>> = {}) {
      form.clearErrors();
      const problem = problemOf(error);
      if (!problem) {
        setMessage("Something went wrong. Please try again.");
        return;
      }
      const override = overrides[problem.status];
      const known = new Set(Object.keys(form.getValues()));
      const onFields = override ? [] : problem.errors.filter((e) => e.field !== "" && known.has(e.field));
      for (const e of onFields) form.setError(e.field as Path<Values>, { type: "server", message: e.message });
      const elsewhere = override ? [] : problem.errors.filter((e) => !onFields.includes(e));
      setMessage(
        override ??
          (elsewhere.length > 0
            ? elsewhere.map((e) => e.message).join(" ")
            : onFields.length > 0
              ? null
              : describeProblem(problem)),
      );
    },
  };
}

function messageOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("message" in error)) return undefined;
  return typeof error.message === "string" && error.message !== "" ? error.message : undefined;
}

const ERROR_PARTS = new Set(["message", "type", "types", "ref"]);

/**
 * Every message in react-hook-form's errors, by the field's path: "minutes", or "sizes.2.label" for
 * a row of a list; an error on a whole list (react-hook-form may keep it as the list's `root`) is
 * the list's own ("sizes").
 */
function fieldErrors(errors: unknown, path = ""): FieldError[] {
  // Only plain objects and arrays hold errors (never the element an error points at).
  if (!isPlain(errors)) return [];
  // At the top every key is a field; below, a node with a kind or a message is an error (which a
  // list's rows may sit beside).
  const isError = path !== "" && ("type" in errors || "message" in errors) && !isPlain(errors.type) && !isPlain(errors.message);
  const own = isError ? messageOf(errors) : undefined;
  const found: FieldError[] = own === undefined ? [] : [{ field: path, message: own }];
  for (const [key, value] of Object.entries(errors)) {
    // An error's own parts (its kind, the element it belongs to) are not fields.
    if (isError && ERROR_PARTS.has(key)) continue;
    found.push(...fieldErrors(value, path === "" ? key : key === "root" ? path : `${path}.${key}`));
  }
  return found;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

// Actions without fields: ui/formErrors.ts (kept apart, so the first screen loads no form library).
export { useFormErrors } from "./formErrors";

export type SchemaOutput<S extends GenericSchema> = InferOutput<S>;

/**
 * The same schema's errors for a form not (yet) held by useSchemaForm: one message per field, in
 * the shape useFormErrors().validate takes.
 */
export function schemaErrors<S extends GenericSchema>(schema: S, values: unknown): FieldError[] {
  const result = safeParse(schema, values);
  if (result.success) return [];
  const nested: Record<string, [string, ...string[]] | undefined> = flatten(result.issues).nested ?? {};
  return Object.entries(nested).flatMap(([field, messages]) => (messages ? [{ field, message: messages[0] }] : []));
}
