import { subgraphs } from '.';
import { authorizationTables, type AuthorizationMatrix } from './common/authorization';

/** Every subgraph's authorization matrix, in the order of `subgraphs`. */
export const authorizationMatrices: AuthorizationMatrix[] = subgraphs.map((definition) => definition.authorization);

const BEGIN = '<!-- authorization matrix: generated from subgraphs/*/authorization.ts by npm run compose -->';
const END = '<!-- end of authorization matrix -->';

/** The README with its authorization tables made from the matrices (between the markers). */
export function readmeWithAuthorizationTables(readme: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md needs the markers ${BEGIN} and ${END}`);
  return `${readme.slice(0, begin + BEGIN.length)}\n\n${authorizationTables(authorizationMatrices)}\n\n${readme.slice(end)}`;
}
