import { todayInVietnam } from '../../common/dates';
import type { Total } from '../../common/money';
import { PledgeStatus, type Pledge } from '../entities';

/** A pledge's status follows from what was received against it and its due date. */
export function pledgeStatus(pledge: Pledge, received: Total, today = todayInVietnam()): PledgeStatus {
  if (pledge.cancelledAt) return PledgeStatus.CANCELLED;
  if (received >= pledge.amount) return PledgeStatus.FULFILLED;
  if (pledge.dueOn && pledge.dueOn < today) return PledgeStatus.OVERDUE;
  return received > 0n ? PledgeStatus.PARTLY_FULFILLED : PledgeStatus.PLEDGED;
}
