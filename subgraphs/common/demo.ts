import { createHash } from 'node:crypto';

/**
 * A stable UUID for a demo record, from a name such as `team:17227.01`, so one subgraph's
 * seed can refer to another's rows (by key, as federation does) without asking for them.
 */
export function demoId(name: string): string {
  const hex = createHash('sha1').update(`digital-teams-demo:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
