import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

export interface SchemaChanges {
  /** Break existing clients: a removed field or type, a new required argument, a narrowed type… */
  breaking: Change[];
  /** Valid for clients but may change what they see: a new enum value, a changed default… */
  dangerous: Change[];
  /** Nothing a client notices unless it wants to: added optional fields, types, descriptions. */
  safe: Change[];
}

/** The changes from one API schema to another, by how much they risk clients (graphql-inspector). */
export async function schemaChanges(oldSdl: string, newSdl: string): Promise<SchemaChanges> {
  const changes = await diff(buildSchema(oldSdl), buildSchema(newSdl));
  const at = (level: CriticalityLevel) => changes.filter((change) => change.criticality.level === level);
  return { breaking: at(CriticalityLevel.Breaking), dangerous: at(CriticalityLevel.Dangerous), safe: at(CriticalityLevel.NonBreaking) };
}

/** A readable report: each group with its changes, the reason for breaking and dangerous ones. */
export function formatSchemaChanges({ breaking, dangerous, safe }: SchemaChanges): string {
  if (breaking.length + dangerous.length + safe.length === 0) return 'No changes to the API schema.';
  const group = (title: string, changes: Change[], withReason: boolean) =>
    changes.length === 0
      ? []
      : [
          `${title} (${changes.length}):`,
          ...changes.map((change) => `  - ${change.message}${withReason && change.criticality.reason ? ` (${change.criticality.reason})` : ''}`),
        ];
  return [...group('Breaking', breaking, true), ...group('Dangerous', dangerous, true), ...group('Safe', safe, false)].join('\n');
}
