import { Field, ObjectType } from 'type-graphql';
import type { Database } from '../../common/database';
import { Money } from '../../common/money';
import { Expense, ExpenseStatus, FundingSource, Pledge, Programme, Receipt, ResourceKind } from '../entities';

/** Money of a programme, a team or a unit's subtree: what was promised, received and spent. */
@ObjectType({ description: 'Pledged, received and spent, in đồng' })
export class FundsSummary {
  @Field(() => Money, { description: 'Promised in pledges that are not cancelled' })
  pledged = 0;

  @Field(() => Money)
  receivedCash = 0;

  @Field(() => Money, { description: 'Estimated value of the in-kind gifts received' })
  receivedInKind = 0;

  @Field(() => Money, { description: 'Cash from state budget allocations (part of receivedCash)' })
  receivedFromStateBudget = 0;

  @Field(() => Money, { description: 'Cash from the team fund of members’ contributions (part of receivedCash)' })
  receivedFromTeamFund = 0;

  @Field(() => Money, { description: 'Cash spent, approved by an officer' })
  spent = 0;

  @Field(() => Money, { description: 'Mobilised from sponsors and benefactors, cash and in kind' })
  get receivedMobilised(): number {
    return this.received - this.receivedFromStateBudget - this.receivedFromTeamFund;
  }

  @Field(() => Money, { description: 'All received, cash and in kind' })
  get received(): number {
    return this.receivedCash + this.receivedInKind;
  }

  @Field(() => Money, { description: 'Cash on hand: cash received less cash spent' })
  get balance(): number {
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
 * Funds per group of programmes, in three aggregate queries whatever the number of groups
 * (pledges, receipts, approved expenses), so lists of teams or units stay free of N+1.
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
    joined(Pledge, 'pledge').addSelect('SUM(pledge.amount)', 'pledged').andWhere('pledge.cancelledAt IS NULL').getRawMany(),
    joined(Receipt, 'receipt')
      .addSelect(`SUM(CASE WHEN receipt.kind = '${ResourceKind.CASH}' THEN receipt.amount ELSE 0 END)`, 'cash')
      .addSelect(`SUM(CASE WHEN receipt.kind = '${ResourceKind.IN_KIND}' THEN receipt.amount ELSE 0 END)`, 'inKind')
      .addSelect(`SUM(CASE WHEN receipt.source = '${FundingSource.STATE_BUDGET}' THEN receipt.amount ELSE 0 END)`, 'stateBudget')
      .addSelect(`SUM(CASE WHEN receipt.source = '${FundingSource.TEAM_FUND}' THEN receipt.amount ELSE 0 END)`, 'teamFund')
      .getRawMany(),
    joined(Expense, 'expense')
      .addSelect('SUM(expense.amount)', 'spent')
      .andWhere('expense.status = :approved', { approved: ExpenseStatus.APPROVED })
      .getRawMany(),
  ]);

  const funds = new Map<string, FundsSummary>();
  const of = (group: string) => funds.get(group) ?? funds.set(group, new FundsSummary()).get(group)!;
  for (const row of pledged) of(row.groupKey).pledged += Number(row.pledged);
  for (const row of received) {
    of(row.groupKey).receivedCash += Number(row.cash);
    of(row.groupKey).receivedInKind += Number(row.inKind);
    of(row.groupKey).receivedFromStateBudget += Number(row.stateBudget);
    of(row.groupKey).receivedFromTeamFund += Number(row.teamFund);
  }
  for (const row of spent) of(row.groupKey).spent += Number(row.spent);
  return funds;
}
