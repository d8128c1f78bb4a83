/** The new-password rule: empty, too short, not confirmed, fine. */
import { describe, expect, it } from 'vitest';
import { newPasswordProblems, PASSWORD_MIN } from './password-rule';

describe('newPasswordProblems', () => {
  it('asks for a password, then for 8 characters, then for the same confirmation', () => {
    expect(newPasswordProblems('', '')).toEqual({ password: 'Enter a new password.' });
    expect(newPasswordProblems('short', 'short')).toEqual({ password: 'The password must be at least 8 characters.' });
    expect(newPasswordProblems('x'.repeat(PASSWORD_MIN), 'y')).toEqual({ confirm: 'The two passwords are not the same.' });
    expect(newPasswordProblems('x'.repeat(PASSWORD_MIN), 'x'.repeat(PASSWORD_MIN))).toBeNull();
  });
});
