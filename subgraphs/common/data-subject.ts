import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Context } from './context';
import { phoneHash } from './personal-data';
import { forbidden } from './errors';
import type { ReferenceResolvers } from './schema';

/**
 * The person a report of personal data is about (Law 91/2025/QH15: the right to access). The teams
 * subgraph answers `personalDataReport` with the DataSubject of the caller; every subgraph adds the
 * fields for the data it holds, so the gateway assembles one report and each subgraph answers only
 * for its own data and only for that person.
 */

/**
 * The key a person is found by: the keyed hash of their phone (personal-data.ts), the same value the
 * records' phone-hash columns hold, so a report finds them by index and never by the plain phone.
 */
export function subjectKeyOf(phone: string): string {
  return phoneHash(phone)!;
}

/** Each subgraph makes its own class: type-graphql hangs field resolvers on the class (see references.ts). */
export function dataSubjectType() {
  @ObjectType('DataSubject', { description: 'Everything the hub holds about one person, each subgraph adding its own part' })
  @Directive('@key(fields: "key")')
  class DataSubject {
    @Field(() => ID, { description: 'Who it is about: a keyed hash of their phone, never the phone itself' })
    key: string;
  }
  const referenceResolvers: ReferenceResolvers = { DataSubject: { __resolveReference: (reference: object) => reference } };
  return { DataSubject, referenceResolvers };
}

/** Only the person themselves reads their report: a subgraph never answers for anyone else. */
export function insistDataSubject(ctx: Context, subject: { key: string }): void {
  ctx.viewer.requireSignedIn();
  if (ctx.viewer.dataSubjectKey !== subject.key) throw forbidden('Bạn chỉ xem được dữ liệu của chính mình');
}
