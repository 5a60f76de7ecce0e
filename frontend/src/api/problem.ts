/** Problem details as the backend sends them (RFC 9457 shape). */
export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  status: number;
  title: string;
  detail: string;
  errors: FieldError[];
  /** The problem type URI ("about:blank" when the status says it all). */
  type: string;
  /** Seconds from a Retry-After header (429), when present. */
  retryAfter: number | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Field names may arrive as "email", "body.email" or "$.email"; keep the last part. */
export function fieldName(raw: string): string {
  // "own_words[0]" names the list's form field ("own_words"), not a field called "0".
  const parts = raw.split(/[.[\]]/).filter((part) => part !== "" && !/^\d+$/.test(part));
  return parts[parts.length - 1] ?? raw;
}

/** Turn whatever came back (error body plus response) into a Problem. */
export function toProblem(error: unknown, response?: Response): Problem {
  const status = response?.status ?? (isRecord(error) && typeof error.status === "number" ? error.status : 0);
  const body = isRecord(error) ? error : {};
  const rawErrors = Array.isArray(body.errors) ? body.errors : [];
  const errors: FieldError[] = [];
  for (const item of rawErrors) {
    if (isRecord(item) && typeof item.message === "string") {
      errors.push({ field: typeof item.field === "string" ? fieldName(item.field) : "", message: item.message });
    }
  }
  const retryHeader = response?.headers.get("retry-after");
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  return {
    status,
    title: typeof body.title === "string" ? body.title : "",
    detail: typeof body.detail === "string" ? body.detail : "",
    errors,
    type: typeof body.type === "string" ? body.type : "about:blank",
    retryAfter,
  };
}

/** A thrown Problem, so react-query and forms can carry it. */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title || `Request failed (${problem.status})`);
    this.name = "ApiError";
    this.problem = problem;
  }
}

export function apiError(error: unknown, response?: Response): ApiError {
  return new ApiError(toProblem(error, response));
}

export function problemOf(error: unknown): Problem | null {
  return error instanceof ApiError ? error.problem : null;
}

export function waitMessage(seconds: number | null): string {
  if (seconds === null) return "Too many attempts. Please wait a little and try again.";
  if (seconds < 90) return `Too many attempts. Please wait ${Math.max(1, seconds)} seconds and try again.`;
  return `Too many attempts. Please wait about ${Math.ceil(seconds / 60)} minutes and try again.`;
}

/** A friendly sentence for errors without a form-specific message. */
export function describeProblem(problem: Problem): string {
  if (problem.status === 0) return "We couldn't reach Tandem. Check your connection and try again.";
  if (problem.status === 429) return waitMessage(problem.retryAfter);
  if (problem.status >= 500) return "Something went wrong on our side. Please try again in a moment.";
  if (problem.errors.length > 0 && !problem.detail) return "Please check the highlighted fields.";
  return problem.detail || problem.title || "Something went wrong. Please try again.";
}
