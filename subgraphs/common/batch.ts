import { GraphQLError } from 'graphql';
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import type { Database } from './database';
import { fieldInWords, invalidInputs, type Problem } from './errors';
import { claimOnce, idempotentTransaction } from './idempotency';
import { repeatedAt } from './validation';
import { t } from './messages';

/**
 * Batches partners' systems send: many rows in one request, each with its own idempotency
 * key. Every row is checked before anything is written and all problems are reported at once
 * (`trainings.3.attendeeIds.1: Member … does not exist`); then all rows are written in one
 * transaction or none are, and a re-sent batch replays the rows already written.
 */

export interface BatchRow {
  idempotencyKey: string;
}

/** Collects the problems of a batch's rows, then refuses the batch if there are any. */
export class RowProblems {
  private readonly problems: Problem[] = [];

  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  /**
   * Looks something up for a row; a NOT_FOUND answer becomes a problem with `field`
   * (and undefined), any other failure propagates.
   */
  async lookup<T>(field: string, find: () => Promise<T>): Promise<T | undefined> {
    try {
      return await find();
    } catch (error) {
      if (!(error instanceof GraphQLError) || error.extensions.code !== 'NOT_FOUND') throw error;
      this.add(field, error.message);
      return undefined;
    }
  }

  /** Refuses the batch, naming every problem in row order, if there is any. */
  check(): void {
    if (this.problems.length === 0) return;
    const inRowOrder = (a: Problem, b: Problem) => a.field.localeCompare(b.field, 'en', { numeric: true });
    throw invalidInputs([...this.problems].sort(inRowOrder));
  }
}

/** Flags idempotency keys used twice in one batch. */
export function checkDistinctKeys(field: string, rows: BatchRow[], problems: RowProblems): void {
  for (const index of repeatedAt(rows.map((row) => row.idempotencyKey))) {
    problems.add(`${field}.${index}.idempotencyKey`, t('problems.keyUsedEarlier'));
  }
}

export interface BatchOutcome<T> {
  rows: T[];
  /** Rows written by this request. */
  created: number;
  /** Rows an earlier request with the same idempotency keys had written. */
  replayed: number;
}

export interface BatchWrite<Row extends BatchRow, T extends { id: string }> {
  /** The input field holding the rows, to name them in errors: `trainings`. */
  field: string;
  /** Whose keys these are, e.g. `logTrainings:<partner id>`. */
  scope: string;
  rows: Row[];
  write(manager: EntityManager, row: Row, index: number): Promise<T>;
  replay(manager: EntityManager, id: string): Promise<T>;
}

/** Writes checked rows all or nothing (see above); a row's refusal names the row. */
export async function writeBatch<Row extends BatchRow, T extends { id: string }>(
  db: Database,
  { field, scope, rows, write, replay }: BatchWrite<Row, T>,
): Promise<BatchOutcome<T>> {
  return idempotentTransaction(db, async (manager) => {
    const outcome: BatchOutcome<T> = { rows: [], created: 0, replayed: 0 };
    for (const [index, row] of rows.entries()) {
      const { idempotencyKey, ...input } = row;
      try {
        outcome.rows.push(
          await claimOnce(
            manager,
            { scope, key: idempotencyKey, input },
            () => {
              outcome.created += 1;
              return write(manager, row, index);
            },
            (id) => {
              outcome.replayed += 1;
              return replay(manager, id);
            },
          ),
        );
      } catch (error) {
        if (!(error instanceof GraphQLError) || error.extensions.field) throw error;
        throw new GraphQLError(t('input.batchRow', { row: fieldInWords(`${field}.${index}`), message: error.message }), {
          extensions: { ...error.extensions, field: `${field}.${index}` },
        });
      }
    }
    return outcome;
  });
}

/** The result type of a batch of `rowType`: its rows, and how many were new. */
export function BatchResult<T extends object>(rowType: ClassType<T>) {
  @ObjectType()
  abstract class BatchResultType {
    @Field(() => [rowType], { description: 'Every row of the batch, in order (written now or before)' })
    rows: T[];

    @Field(() => Int, { description: 'Rows written by this request' })
    created: number;

    @Field(() => Int, { description: 'Rows a previous request with the same idempotency keys had written' })
    replayed: number;

    constructor(outcome: BatchOutcome<T>) {
      Object.assign(this, outcome);
    }
  }
  return BatchResultType;
}
