import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";
import { conversationKeys, promptKeys } from "../prompts/queries";
import { ANSWER_LENGTH } from "../prompts/types";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { TextArea } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { answerSchema } from "./answerSchema";

/** Today's answer, written apart: loaded by TodayCard when the form is shown. */
export function TodayAnswerForm({
  spaceId,
  promptId,
  partnerName,
  partnerAnswered,
}: {
  spaceId: string;
  promptId: string;
  partnerName: string;
  partnerAnswered: boolean;
}) {
  const queryClient = useQueryClient();
  // The server names the answer `text`; in the page its field is today's own.
  const form = useSchemaForm(answerSchema, { text: "" }, { prefix: "today_" });

  const send = useMutation({
    mutationFn: async (body: { text: string }) => {
      // Opening joins the conversation already open on today's question, if the partner started it.
      const opened = await call(
        api.POST("/api/v1/spaces/{space_id}/conversations", {
          params: { path: { space_id: spaceId } },
          body: { prompt_id: promptId },
        }),
      );
      return call(
        api.POST("/api/v1/spaces/{space_id}/conversations/{conversation_id}/answer", {
          params: { path: { space_id: spaceId, conversation_id: opened.id } },
          body,
        }),
      );
    },
    onSuccess: async () => {
      form.reset({ text: "" });
      await queryClient.invalidateQueries({ queryKey: promptKeys.all(spaceId) });
      await queryClient.invalidateQueries({ queryKey: conversationKeys.all(spaceId) });
    },
    onError: (error) => form.fromError(error),
  });

  const submit = form.onSubmit((body) => send.mutate(body));

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary message={form.message} errors={form.errors} title="Your answer wasn't sent" />
      {partnerAnswered ? (
        <p role="status">{partnerName} has answered. Both answers appear once you've answered too.</p>
      ) : null}
      <TextArea
        label="Your answer"
        {...form.bind("text")}
        name={form.name("text")}
        maxLength={ANSWER_LENGTH}
        hint={`Only you see it until ${partnerName} has answered too. No need to answer today: tomorrow brings another.`}
      />
      <Button type="submit" busy={send.isPending}>
        Send my answer
      </Button>
    </form>
  );
}
