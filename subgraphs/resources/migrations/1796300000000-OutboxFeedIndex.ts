import { OUTBOX_FEED_INDEX } from '../../common/kit-tables';
import { kitTableMigration } from '../../common/migrations';

/** The outbox's index by type and position (`outbox_event`, kit: outbox.ts), which a consumer reads its types of the feed by. */
export const OutboxFeedIndex1796300000000 = kitTableMigration('OutboxFeedIndex1796300000000', OUTBOX_FEED_INDEX);
