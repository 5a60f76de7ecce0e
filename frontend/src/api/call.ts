import { ApiError, apiError } from "./problem";

interface Result<D, E> {
  data?: D;
  error?: E;
  response: Response;
}

/**
 * Await an openapi-fetch call and return its data, or throw an ApiError
 * carrying the problem details (status 0 when the network failed).
 */
export async function call<D, E>(request: Promise<Result<D, E>>): Promise<D> {
  let result: Result<D, E>;
  try {
    result = await request;
  } catch (cause) {
    if (cause instanceof ApiError) throw cause;
    throw apiError(null);
  }
  if (!result.response.ok) throw apiError(result.error, result.response);
  return result.data as D;
}
