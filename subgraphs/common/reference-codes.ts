import { GraphQLError } from 'graphql';
import { randomInt } from 'node:crypto';
import { Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { EntityTarget, FindOptionsWhere } from 'typeorm';
import type { Database } from './database';
import { IsVietnamesePhone } from './validation';
import { t } from './messages';

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

/** A request an applicant without an account finds again by phone and reference code. */
export interface Referenced {
  id: string;
  referenceCode: string | null;
  failedLookups: number;
}

/** One answer for a wrong code and a wrong phone alike, so a guess learns nothing. */
function noSuchRequest(): GraphQLError {
  return new GraphQLError(t('refusals.noSuchReference'), { extensions: { code: 'NOT_FOUND', field: 'referenceCode' } });
}

/**
 * The request an anonymous applicant names by phone and reference code. `phoneMatches` says
 * whether the typed phone is the one the request was made with (one function per subgraph, each
 * comparing keyed hashes: personal-data.ts). A wrong phone counts against the code (a conditional
 * increment, safe under concurrency); after MAX_FAILED_LOOKUPS the code is locked and its owner
 * asks the people who handle the request.
 */
export async function findByReference<T extends Referenced>(
  db: Database,
  entity: EntityTarget<T>,
  input: { phone: string; referenceCode: string },
  phoneMatches: (record: T, phone: string) => Promise<boolean> | boolean,
): Promise<T> {
  const referenceCode = normalizeReferenceCode(input.referenceCode);
  const record = await db.manager.findOneBy(entity, { referenceCode } as FindOptionsWhere<T>);
  if (!record) throw noSuchRequest();
  if (record.failedLookups >= MAX_FAILED_LOOKUPS) {
    throw new GraphQLError(t('refusals.referenceLocked'), {
      extensions: { code: 'TOO_MANY_ATTEMPTS', field: 'referenceCode' },
    });
  }
  if (!(await phoneMatches(record, input.phone))) {
    await db.manager.increment(entity, { id: record.id } as FindOptionsWhere<T>, 'failedLookups', 1);
    throw noSuchRequest();
  }
  return record;
}

@InputType({ description: 'What an applicant without an account was given: the phone they applied with and their reference code' })
/** Shared by every subgraph that takes requests from people without an account (one GraphQL input type). */
export class ApplicationReferenceInput {
  @Field({ description: 'The phone number given with the application' })
  @IsVietnamesePhone()
  phone: string;

  @Field({ description: 'The code given at application (case, spaces and dashes do not matter)' })
  @Length(6, 16)
  referenceCode: string;
}
