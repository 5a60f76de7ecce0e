/**
 * Which guide explains which part of Tandem. Every `/guides/<id>` here must exist
 * (tests/api/test_content.py checks each one against the guide files).
 */
export const GUIDE_FOR = {
  guidedSession: "/guides/dilator-practice",
  relaxation: "/guides/relaxation-and-breathing",
  practiceLog: "/guides/how-home-treatment-goes",
  hardSession: "/guides/after-a-hard-session",
  goals: "/guides/setting-your-own-goals",
  path: "/guides/sensate-focus-path",
  pause: "/guides/pause-and-not-now",
  prompts: "/guides/what-to-say",
} as const;

/** The guide behind each conversation-prompt category. */
export const GUIDE_FOR_PROMPT_CATEGORY: Record<string, string> = {
  "how-treatment-feels": "/guides/how-home-treatment-goes",
  "fears-and-reassurance": "/guides/what-vaginismus-is",
  "needs-and-wishes": "/guides/supporting-without-pressure",
  appreciation: "/guides/supporting-without-pressure",
  "redefining-intimacy": "/guides/intimacy-beyond-penetration",
  "boundaries-and-consent": "/guides/pause-and-not-now",
  "small-wins": "/guides/setting-your-own-goals",
  "after-a-hard-day": "/guides/after-a-hard-session",
  "clinician-together": "/guides/talking-with-a-clinician",
  "partners-feelings": "/guides/your-own-feelings",
};
