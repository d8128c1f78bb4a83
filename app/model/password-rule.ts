/** The rule for a new password, one for the server (`sync-server/services/accounts.ts`) and the screens. */

/** The fewest characters a password may have. */
export const PASSWORD_MIN = 8;

/** Why `password` is too short to be one, or `null` when it is long enough. */
export function passwordLengthError(password: string): string | null {
  return password.length < PASSWORD_MIN ? `The password must be at least ${PASSWORD_MIN} characters.` : null;
}

/** What is wrong with a new password and its confirmation, in words, or `null` when both are fine. */
export function newPasswordProblems(password: string, confirm: string): { password?: string; confirm?: string } | null {
  if (!password) return { password: 'Enter a new password.' };
  const short = passwordLengthError(password);
  if (short) return { password: short };
  if (confirm !== password) return { confirm: 'The two passwords are not the same.' };
  return null;
}
