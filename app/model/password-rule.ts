/** The rule for a new password, in the words the server uses (`sync-server/services/accounts.ts`), shared by the screens. */

/** The fewest characters a password may have. */
export const PASSWORD_MIN = 8;

/** What is wrong with a new password and its confirmation, in words, or `null` when both are fine. */
export function newPasswordProblems(password: string, confirm: string): { password?: string; confirm?: string } | null {
  if (!password) return { password: 'Enter a new password.' };
  if (password.length < PASSWORD_MIN) return { password: `The password must be at least ${PASSWORD_MIN} characters.` };
  if (confirm !== password) return { confirm: 'The two passwords are not the same.' };
  return null;
}
