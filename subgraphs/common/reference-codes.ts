import { randomInt } from 'node:crypto';

/**
 * Reference codes for people without an account (a household applying for a stall, a resident
 * asking to join a team): with their phone number, the code finds and withdraws their request.
 * Eight characters from 31 that cannot be misread (no 0/O, 1/I/L): about 2^39 codes, and every
 * look-up also needs the phone, so guessing is hopeless within the rate limits.
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const REFERENCE_CODE_LENGTH = 8;

/** Look-ups of one code with a wrong phone after which the code finds nothing any more. */
export const MAX_FAILED_LOOKUPS = 5;

export function newReferenceCode(): string {
  return Array.from({ length: REFERENCE_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** A code as people type it back (lower case, spaces or dashes, "ABCD-EFGH"). */
export function normalizeReferenceCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}
