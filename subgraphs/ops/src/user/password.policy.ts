import { BadUserInputError } from '@opshub/errors';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/**
 * Passwords long enough for the length rule that still top breached-password lists (and keyboard
 * walks). Short on purpose: the length rule already refuses the bulk of such lists; this catches
 * the few long ones people actually pick.
 */
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789012345',
  '1234567890qwerty',
  '1q2w3e4r5t6y',
  '1q2w3e4r5t6y7u',
  'qwertyuiop[]',
  'qwertyuiopasdf',
  'qwertyuiopasdfgh',
  'qwertyuiopasdfghjkl',
  'qwerty123456',
  'qwerty1234567',
  'asdfghjkl123',
  'zxcvbnm123456',
  'password1234',
  'password12345',
  'password123456',
  'password123!',
  'passw0rd1234',
  'passwordpassword',
  'p@ssw0rd1234',
  'p@ssword1234',
  'iloveyou1234',
  'iloveyouiloveyou',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'administrator',
  'administrator1',
  'admin1234567',
  'adminadmin123',
  'changeme1234',
  'changemeplease',
  'abcdefghijkl',
  'abcdefghijklm',
  'abc123456789',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
  '987654321098',
  'monkey123456',
  'dragon123456',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'princess1234',
  'trustno1trustno1',
  'correcthorsebatterystaple',
  'opshubopshub',
  'opshub123456',
]);

/** Refuses a password that is too short, too long, or on the built-in list of common passwords. */
export function checkPasswordPolicy(password: string, username?: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
    throw new BadUserInputError(`password: ${PASSWORD_MIN}–${PASSWORD_MAX} characters`, {
      field: 'password',
    });
  const folded = password.toLowerCase();
  if (COMMON.has(folded) || /^(.)\1*$/.test(password))
    throw new BadUserInputError('password: too common, choose another', { field: 'password' });
  if (username && folded.includes(username.toLowerCase()) && folded.length < username.length + 6)
    throw new BadUserInputError('password: must not be the username', { field: 'password' });
}
