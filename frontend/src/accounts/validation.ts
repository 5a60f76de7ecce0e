import type { FieldError } from "../api/problem";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 60;
export const EMAIL_MAX = 254;

export function checkEmail(email: string, field = "email"): FieldError[] {
  const value = email.trim();
  if (value === "") return [{ field, message: "Enter your email address." }];
  if (value.length > EMAIL_MAX || !/^[^\s@]+@[^\s@]+$/.test(value)) {
    return [{ field, message: "Enter an email address like name@example.com." }];
  }
  return [];
}

export function checkNewPassword(password: string, field = "password"): FieldError[] {
  if (password.length < PASSWORD_MIN) return [{ field, message: `Use at least ${PASSWORD_MIN} characters.` }];
  if (password.length > PASSWORD_MAX) return [{ field, message: `Use at most ${PASSWORD_MAX} characters.` }];
  return [];
}

export function checkDisplayName(name: string, field = "display_name"): FieldError[] {
  const value = name.trim();
  if (value === "") return [{ field, message: "Enter the name your partner will see." }];
  if (value.length > DISPLAY_NAME_MAX) return [{ field, message: `Use at most ${DISPLAY_NAME_MAX} characters.` }];
  return [];
}
