import { IsOptional, Length, Max, Min } from 'class-validator';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalidInput } from './errors';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many to return, 1 to ${MAX_PAGE_SIZE}` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page' })
  @IsOptional()
  @Length(1, 200)
  after?: string | null;
}

@ObjectType()
@Directive('@shareable') // every subgraph has this same type
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor: string | null;

  @Field()
  hasNextPage: boolean;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when a client asks for it. */
  totalCount(): Promise<number>;
}

/** A Relay-style connection type for `nodeType`: `nodes`, `pageInfo`, `totalCount`. */
export function Connection<T extends object>(nodeType: ClassType<T>) {
  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [nodeType])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    private readonly count: () => Promise<number>;

    constructor(page: Page<T>) {
      this.nodes = page.nodes;
      this.pageInfo = page.pageInfo;
      this.count = page.totalCount;
    }

    @Field(() => Int, { description: 'How many there are in all pages' })
    totalCount(): Promise<number> {
      return this.count();
    }
  }
  return ConnectionType;
}

type SortValue = string | number;

function encodeCursor(value: SortValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): [SortValue, string] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      ['string', 'number'].includes(typeof decoded[0]) &&
      typeof decoded[1] === 'string'
    ) {
      return decoded as [SortValue, string];
    }
  } catch {
    // reported below
  }
  throw invalidInput('after', 'is not a cursor returned by this list');
}

/**
 * Keyset pagination over `query` sorted by one column and then the id, which stays
 * fast on deep pages and stable while rows are added.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  sort: { column: string; valueOf: (row: T) => SortValue },
  { first, after }: PageArgs,
): Promise<Page<T>> {
  const idColumn = `${query.alias}.id`;
  const counting = query.clone();
  if (after) {
    const [value, id] = decodeCursor(after);
    query.andWhere(`(${sort.column} > :afterValue OR (${sort.column} = :afterValue AND ${idColumn} > :afterId))`, {
      afterValue: value,
      afterId: id,
    });
  }
  const rows = await query.orderBy(sort.column, 'ASC').addOrderBy(idColumn, 'ASC').limit(first + 1).getMany();
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor(sort.valueOf(last), last.id) : null,
    },
    totalCount: () => counting.getCount(),
  };
}
