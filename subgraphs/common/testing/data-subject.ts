import { DATA_SUBJECT_PREFIX, type HubClaims } from '../auth';
import { subjectKeyOf } from '../data-subject';

/** The claims of a person who proved `phone` with a one-time code (what verifyAccessCode signs). */
export function dataSubjectClaims(phone: string): HubClaims {
  return { sub: `${DATA_SUBJECT_PREFIX}${subjectKeyOf(phone)}`, roles: [] };
}

/** A matrix probe of one of a subgraph's DataSubject fields, read as the gateway does (`_entities`). */
export function dataSubjectField(field: string, selection: string, phone = '0912000999') {
  return {
    operation: () => ({
      query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on DataSubject { ${field} { ${selection} } } } }`,
      variables: { r: [{ __typename: 'DataSubject', key: subjectKeyOf(phone) }] },
    }),
    value: (data: any) => data._entities?.[0]?.[field],
  };
}
