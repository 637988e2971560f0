import { Field, ObjectType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../common/database';
import { Money, sumOfMoney, totalFrom, type Total } from '../../common/money';
import { Expense, ExpenseStatus, FundingSource, Pledge, Programme, Receipt, ResourceKind } from '../entities';

/** Money of a programme, a team or a unit's subtree: what was promised, received and spent. */
@ObjectType({ description: 'Pledged, received and spent, in đồng' })
export class FundsSummary {
  @Field(() => Money, { description: 'Promised in pledges that are not cancelled' })
  pledged: Total = 0n;

  @Field(() => Money, { description: 'All cash received' })
  receivedCash: Total = 0n;

  @Field(() => Money, { description: 'Estimated value of the in-kind gifts received' })
  receivedInKind: Total = 0n;

  @Field(() => Money, { description: 'Cash from state budget allocations (part of receivedCash)' })
  receivedFromStateBudget: Total = 0n;

  @Field(() => Money, { description: 'Cash from the team fund of members’ contributions (part of receivedCash)' })
  receivedFromTeamFund: Total = 0n;

  @Field(() => Money, { description: 'Cash spent, approved by an officer' })
  spent: Total = 0n;

  @Field(() => Money, { description: 'Mobilised from sponsors and benefactors, cash and in kind' })
  get receivedMobilised(): Total {
    return this.received - this.receivedFromStateBudget - this.receivedFromTeamFund;
  }

  @Field(() => Money, { description: 'All received, cash and in kind' })
  get received(): Total {
    return this.receivedCash + this.receivedInKind;
  }

  @Field(() => Money, { description: 'Cash on hand: cash received less cash spent' })
  get balance(): Total {
    return this.receivedCash - this.spent;
  }

  add(other: FundsSummary): this {
    this.pledged += other.pledged;
    this.receivedCash += other.receivedCash;
    this.receivedInKind += other.receivedInKind;
    this.receivedFromStateBudget += other.receivedFromStateBudget;
    this.receivedFromTeamFund += other.receivedFromTeamFund;
    this.spent += other.spent;
    return this;
  }
}

/** What the programmes' money is grouped by. */
export type FundsGrouping = 'id' | 'teamId' | 'unitPath';

interface Filter {
  /** SQL on the `programme` alias, e.g. `programme.id IN (:...keys)` */
  where: string;
  parameters: Record<string, unknown>;
}

/**
 * Funds per group of programmes, exact (summed in SQL, carried as BigInt), in three aggregate queries whatever the number of groups
 * (pledges, receipts by kind and funding source, approved expenses), so lists of teams or units stay free of N+1.
 */
export async function fundsByProgrammeGroup(db: Database, groupBy: FundsGrouping, filter: Filter): Promise<Map<string, FundsSummary>> {
  const key = `programme.${groupBy}`;
  const joined = <T extends object>(entity: new () => T, alias: string) =>
    db.manager
      .createQueryBuilder(entity, alias)
      .innerJoin(Programme, 'programme', `programme.id = ${alias}.programmeId`)
      .select(key, 'groupKey')
      .where(filter.where, filter.parameters)
      .groupBy(key);

  const [pledged, received, spent] = await Promise.all([
    joined(Pledge, 'pledge').addSelect(sumOfMoney('pledge.amount'), 'pledged').andWhere('pledge.cancelledAt IS NULL').getRawMany(),
    joined(Receipt, 'receipt')
      .addSelect(sumOfMoney(`CASE WHEN receipt.kind = '${ResourceKind.CASH}' THEN receipt.amount ELSE 0 END`), 'cash')
      .addSelect(sumOfMoney(`CASE WHEN receipt.kind = '${ResourceKind.IN_KIND}' THEN receipt.amount ELSE 0 END`), 'inKind')
      .addSelect(sumOfMoney(`CASE WHEN receipt.source = '${FundingSource.STATE_BUDGET}' THEN receipt.amount ELSE 0 END`), 'stateBudget')
      .addSelect(sumOfMoney(`CASE WHEN receipt.source = '${FundingSource.TEAM_FUND}' THEN receipt.amount ELSE 0 END`), 'teamFund')
      .getRawMany(),
    joined(Expense, 'expense')
      .addSelect(sumOfMoney('expense.amount'), 'spent')
      .andWhere('expense.status = :approved', { approved: ExpenseStatus.APPROVED })
      .getRawMany(),
  ]);

  const funds = new Map<string, FundsSummary>();
  const of = (group: string) => funds.get(group) ?? funds.set(group, new FundsSummary()).get(group)!;
  for (const row of pledged) of(row.groupKey).pledged += totalFrom(row.pledged);
  for (const row of received) {
    of(row.groupKey).receivedCash += totalFrom(row.cash);
    of(row.groupKey).receivedInKind += totalFrom(row.inKind);
    of(row.groupKey).receivedFromStateBudget += totalFrom(row.stateBudget);
    of(row.groupKey).receivedFromTeamFund += totalFrom(row.teamFund);
  }
  for (const row of spent) of(row.groupKey).spent += totalFrom(row.spent);
  return funds;
}

/**
 * A programme's cash on hand (cash received less approved spending), read in the caller's
 * transaction. Approvals lock the programme's row before reading it (see decideExpense), so each
 * reads what the one before it left and two cannot spend the same cash.
 */
export async function cashOnHand(manager: EntityManager, programmeId: string): Promise<number> {
  const [received, spent] = [
    await manager.sum(Receipt, 'amount', { programmeId, kind: ResourceKind.CASH }),
    await manager.sum(Expense, 'amount', { programmeId, status: ExpenseStatus.APPROVED }),
  ];
  return Number(received ?? 0) - Number(spent ?? 0);
}
