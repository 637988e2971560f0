import { UNIT_REVISION_TABLE } from '../../common/kit-tables';
import { kitTableMigration } from '../../common/migrations';

/** The kit's `unit_revision` table (unit-events.ts): the tree's revision of each unit's latest move or merge. */
export const UnitRevisions1796225000000 = kitTableMigration('UnitRevisions1796225000000', UNIT_REVISION_TABLE);
