/** Error codes shared by server and clients. Every error response is `{ error: { code, message, details } }`. */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'setup_required',
  'setup_done',
  'invalid_credentials',
  'weak_password',
  'email_domain_not_allowed',
  'invitation_invalid',
  'last_owner',
  'space_archived',
  'module_disabled',
  'csrf_failed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
