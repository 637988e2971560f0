import type { UnitLevel, WebUnitToReorganiseQuery } from '../../../../client/generated/web-reorganise';
import { unitLevel } from '../../i18n/labels';

/** The unit being reorganised, as the screen reads it: its parent, two tiers of children, its team count. */
export type UnitAround = NonNullable<WebUnitToReorganiseQuery['administrativeUnit']>;
interface Outline {
  code: string;
  name: string;
  level: UnitLevel;
}

export type Request =
  | { kind: 'rename'; name: string }
  | { kind: 'move'; parent: Outline }
  | { kind: 'merge'; into: Outline }
  | { kind: 'dissolve'; level: UnitLevel };

/** A change previewed: what is sent, its title, and what will happen in words, confirmed before it is sent. */
export type Change = Request & { idempotencyKey: string; title: string; effects: string[] };

const TIERS: UnitLevel[] = ['PROVINCE', 'DISTRICT', 'COMMUNE', 'VILLAGE'];

/** The tiers that may be dissolved under a unit: those below its own. */
export function levelsBelow(level: UnitLevel): UnitLevel[] {
  return TIERS.slice(TIERS.indexOf(level) + 1);
}

const named = (unit: Outline) => `${unit.name} (mã ${unit.code})`;
const tier = (level: UnitLevel) => unitLevel[level].toLowerCase();

/** What the team count and the units directly under `unit` do, in words. */
function carried(unit: UnitAround): string {
  const teams = unit.teamsUnder.totalCount;
  const parts = [teams > 0 && `${teams} tổ công nghệ số`, unit.children.length > 0 && `${unit.children.length} đơn vị trực thuộc`].filter(Boolean);
  return parts.length > 0 ? parts.join(' và ') : 'không có tổ hay đơn vị trực thuộc nào';
}

/**
 * What a change will do, said before it is confirmed (the API does the same: teams move with
 * their unit, history is kept, former codes stay as aliases that still resolve).
 */
export function describeChange(unit: UnitAround, request: Request, idempotencyKey: string): Change {
  switch (request.kind) {
    case 'rename':
      return {
        ...request,
        idempotencyKey,
        title: `đổi tên ${unit.name} thành “${request.name.trim()}”`,
        effects: [
          `${named(unit)} sẽ mang tên “${request.name.trim()}”; mã đơn vị giữ nguyên.`,
          'Tổ, thành viên, báo cáo và các đơn vị trực thuộc không thay đổi; các phân hệ khác cập nhật tên theo.',
        ],
      };
    case 'move':
      return {
        ...request,
        idempotencyKey,
        title: `chuyển ${unit.name} sang trực thuộc ${request.parent.name}`,
        effects: [
          `${named(unit)} chuyển từ ${unit.parent ? unit.parent.name : 'cấp cao nhất'} sang trực thuộc ${named(request.parent)}.`,
          `Đi theo: ${carried(unit)}, cùng báo cáo và số liệu tổng hợp (tính vào ${request.parent.name} thay cho ${unit.parent?.name ?? 'nơi cũ'}).`,
          'Mã đơn vị giữ nguyên.',
        ],
      };
    case 'merge':
      return {
        ...request,
        idempotencyKey,
        title: `nhập ${unit.name} vào ${request.into.name}`,
        effects: [
          `${named(unit)} nhập vào ${named(request.into)} và không còn là một đơn vị riêng.`,
          `Chuyển sang ${request.into.name}: ${carried(unit)}; báo cáo, chỉ tiêu và lịch sử của ${unit.name} được cộng vào ${request.into.name}.`,
          `Mã ${unit.code} được giữ làm mã cũ của ${request.into.name}: tra cứu, tài khoản cán bộ và báo cáo cũ theo mã ${unit.code} vẫn ra ${request.into.name}.`,
          'Không hoàn tác được: muốn tách lại phải lập đơn vị mới.',
        ],
      };
    case 'dissolve': {
      const doomed = [...unit.children, ...unit.children.flatMap((child) => child.children)].filter((child) => child.level === request.level);
      return {
        ...request,
        idempotencyKey,
        title: `giải thể cấp ${tier(request.level)} dưới ${unit.name}`,
        effects: [
          doomed.length > 0
            ? `Giải thể ${doomed.length} đơn vị cấp ${tier(request.level)}: ${doomed.map(named).join(', ')}.`
            : `Giải thể mọi đơn vị cấp ${tier(request.level)} dưới ${unit.name}.`,
          'Đơn vị trực thuộc và tổ của các đơn vị đó chuyển lên đơn vị cấp trên của chúng, cùng báo cáo và lịch sử.',
          'Mã của các đơn vị giải thể được giữ làm mã cũ: tra cứu và tài khoản cán bộ theo mã cũ vẫn ra các đơn vị đã thuộc chúng.',
          'Không hoàn tác được.',
        ],
      };
    }
  }
}
