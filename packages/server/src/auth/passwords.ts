import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors.js';
import { LIMITS } from '@foyer/shared';

// argon2id (the library's default algorithm) with OWASP's recommended minimum parameters.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

const COMMON = new Set(['password123', '1234567890', 'qwertzuiop', 'qwertyuiop', 'passwort123', 'letmein123']);
/** Length first (NIST 800-63B): at least 10 characters, not a well-known password, not the e-mail. */
export function assertPasswordRules(password: string, email: string): void {
  const problems: string[] = [];
  if (password.length < LIMITS.passwordMin) problems.push(`at least ${LIMITS.passwordMin} characters`);
  if (COMMON.has(password.toLowerCase())) problems.push('not a commonly used password');
  if (password.toLowerCase().includes(email.split('@')[0].toLowerCase()) && email.split('@')[0].length >= 4)
    problems.push('must not contain your e-mail name');
  if (new Set(password).size < 4) problems.push('too few different characters');
  if (problems.length) throw new AppError(400, 'weak_password', 'password does not meet the rules', { rules: problems });
}
