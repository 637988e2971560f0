import { CONSENT_TABLE } from '../../common/kit-tables';
import { kitTableMigration } from '../../common/migrations';

/** The kit's `consent` table (consent.ts) in this subgraph's database. */
export const Consents1796190981070 = kitTableMigration('Consents1796190981070', CONSENT_TABLE);
