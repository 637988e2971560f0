import { accessLogRetention } from './common/personal-data-reads';
import type { RetentionRule } from './common/retention';
import { eventsRetention } from './events/retention';
import { partnersRetention } from './partners/retention';
import { resourcesRetention } from './resources/retention';
import { teamsRetention } from './teams/retention';

/** Each subgraph's retention rules, by subgraph name: what `npm run retention` applies (docs/personal-data.md). */
export const retentionRules: Record<string, RetentionRule[]> = {
  teams: [...teamsRetention, accessLogRetention],
  resources: [...resourcesRetention, accessLogRetention],
  partners: [...partnersRetention, accessLogRetention],
  events: [...eventsRetention, accessLogRetention],
};
