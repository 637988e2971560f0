import { IsOptional, Length, Max, Min } from 'class-validator';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalidInput } from './errors';
import { t } from './messages';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many to return, 1 to ${MAX_PAGE_SIZE}` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page (or any edge’s cursor): the items after it' })
  @IsOptional()
  @Length(1, 200)
  after?: string | null;
}

@ObjectType({ description: 'Where a page of a connection sits in the whole list (the Relay cursor connections spec)' })
@Directive('@shareable') // every subgraph has this same type
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'The cursor of the last item of this page (pass it as `after` for the next page); null for an empty page' })
  endCursor: string | null;

  @Field({ description: 'Whether items follow this page' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first item of this page; null for an empty page' })
  startCursor: string | null;

  @Field({ description: 'Whether items come before this page: true when it was asked for `after` a cursor' })
  hasPreviousPage: boolean;
}

export interface Page<T> {
  nodes: T[];
  /** Each node's cursor, in the same order. */
  cursors: string[];
  pageInfo: PageInfo;
  /** Counted only when a client asks for it. */
  totalCount(): Promise<number>;
}

/** One item of a connection's page with its cursor; one edge type per node type (`TeamEdge`…). */
function Edge<T extends object>(nodeType: ClassType<T>) {
  @ObjectType(`${nodeType.name}Edge`, { description: `One ${nodeType.name} of a page, with its cursor` })
  class EdgeType {
    @Field(() => String, { description: 'Where this item sits in the list: pass it as `after` for the items after it' })
    cursor: string;

    @Field(() => nodeType, { description: 'The item' })
    node: T;
  }
  return EdgeType;
}

/**
 * A connection type for `nodeType` after the Relay cursor connections spec (`edges` with cursors,
 * `pageInfo` both ways, paged forward by `first` and `after`), with `nodes` (the items without
 * their cursors: what most screens need) and `totalCount` beside them.
 */
export function Connection<T extends object>(nodeType: ClassType<T>) {
  const EdgeType = Edge(nodeType);

  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [nodeType], { description: 'The items of this page (the nodes of `edges`, without cursors)' })
    nodes: T[];

    @Field(() => [EdgeType], { description: 'The items of this page with their cursors' })
    edges: InstanceType<typeof EdgeType>[];

    @Field(() => PageInfo, { description: 'Where this page sits, and the cursors to page on' })
    pageInfo: PageInfo;

    private readonly count: () => Promise<number>;

    constructor(page: Page<T>) {
      this.nodes = page.nodes;
      this.edges = page.nodes.map((node, index) => ({ node, cursor: page.cursors[index] }));
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
  throw invalidInput('after', t('problems.notACursor'));
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
  const cursors = nodes.map((node) => encodeCursor(sort.valueOf(node), node.id));
  return {
    nodes,
    cursors,
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: cursors.at(-1) ?? null,
      startCursor: cursors[0] ?? null,
      hasPreviousPage: Boolean(after),
    },
    totalCount: () => counting.getCount(),
  };
}
