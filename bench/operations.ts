import { readFileSync } from 'node:fs';
import { Kind, parse, print, type DocumentNode } from 'graphql';

/** The benchmark's operations live with the client's: named, with variables (the SDK can type them). */
export const BENCHMARK_OPERATIONS_PATH = 'client/operations/benchmark.graphql';

/** Reads a document of named operations and gives each one's own text (with any fragments), by name. */
export function loadOperations(path = BENCHMARK_OPERATIONS_PATH): (name: string) => string {
  const document: DocumentNode = parse(readFileSync(path, 'utf8'));
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  return (name) => {
    const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === name);
    if (!operation) throw new Error(`${path} has no operation named ${name}`);
    return print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] });
  };
}
