import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/browser";
import { ApiError } from "../api/problem";

export const PASSKEY_CANCELLED = "The passkey prompt was closed before it finished. Please try again.";

/** Whether this browser can use passkeys at all. */
export function passkeysSupported(): boolean {
  return typeof window !== "undefined" && typeof window.PublicKeyCredential === "function";
}

function cancelled(cause: unknown): ApiError {
  // A closed prompt (NotAllowedError) is not a failure of the person: say what happened, nothing more.
  const detail = cause instanceof Error && cause.name === "InvalidStateError" ? "This passkey is already added." : PASSKEY_CANCELLED;
  return new ApiError({ status: 400, title: "", detail, errors: [], type: "about:blank", retryAfter: null });
}

export async function createPasskey(options: Record<string, unknown>): Promise<RegistrationResponseJSON> {
  try {
    return await startRegistration({ optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON });
  } catch (cause) {
    throw cancelled(cause);
  }
}

export async function getPasskey(options: Record<string, unknown>): Promise<AuthenticationResponseJSON> {
  try {
    return await startAuthentication({ optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON });
  } catch (cause) {
    throw cancelled(cause);
  }
}
