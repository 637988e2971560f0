import { describe, expect, it } from 'vitest';
import { describeChange, levelsBelow, type UnitAround } from './changes';

/** Xã Tam Thái of the demo tree, with its two villages and three teams. */
const tamThai: UnitAround = {
  code: '17230',
  name: 'Xã Tam Thái',
  level: 'COMMUNE',
  parentCode: '40',
  parent: { code: '40', name: 'Tỉnh Nghệ An' },
  teamsUnder: { totalCount: 3 },
  children: [
    { code: '17230.01', name: 'Bản Cám', level: 'VILLAGE', children: [] },
    { code: '17230.02', name: 'Bản Phòng', level: 'VILLAGE', children: [] },
  ],
  formerUnits: [],
};

describe('describeChange', () => {
  it('says a merge moves the teams and units under it and keeps the old code as an alias', () => {
    const change = describeChange(tamThai, { kind: 'merge', into: { code: '17227', name: 'Xã Tam Quang', level: 'COMMUNE' } }, 'key-1');
    expect(change).toMatchObject({ kind: 'merge', idempotencyKey: 'key-1', title: 'nhập Xã Tam Thái vào Xã Tam Quang' });
    expect(change.effects).toContain('Chuyển sang Xã Tam Quang: 3 tổ công nghệ số và 2 đơn vị trực thuộc; báo cáo, chỉ tiêu và lịch sử của Xã Tam Thái được cộng vào Xã Tam Quang.');
    expect(change.effects.join(' ')).toContain('Mã 17230 được giữ làm mã cũ của Xã Tam Quang');
  });

  it('says when a unit has nothing to carry', () => {
    const village = { ...tamThai, code: '17230.02', name: 'Bản Phòng', level: 'VILLAGE' as const, teamsUnder: { totalCount: 0 }, children: [] };
    const change = describeChange(village, { kind: 'move', parent: { code: '17227', name: 'Xã Tam Quang', level: 'COMMUNE' } }, 'key-2');
    expect(change.effects[1]).toMatch(/^Đi theo: không có tổ hay đơn vị trực thuộc nào/);
  });

  it('names the units of a dissolved tier found in the two tiers below', () => {
    const province: UnitAround = {
      ...tamThai,
      code: '40',
      name: 'Tỉnh Nghệ An',
      level: 'PROVINCE',
      parent: null,
      parentCode: null,
      children: [
        { code: '412', name: 'Huyện Con Cuông', level: 'DISTRICT', children: [{ code: '17227', name: 'Xã Tam Quang', level: 'COMMUNE' }] },
        { code: '17230', name: 'Xã Tam Thái', level: 'COMMUNE', children: [] },
      ],
    };
    expect(describeChange(province, { kind: 'dissolve', level: 'DISTRICT' }, 'k').effects[0]).toBe('Giải thể 1 đơn vị cấp huyện, quận (trước năm 2025): Huyện Con Cuông (mã 412).');
    expect(describeChange(province, { kind: 'dissolve', level: 'COMMUNE' }, 'k').effects[0]).toBe(
      'Giải thể 2 đơn vị cấp xã, phường, thị trấn: Xã Tam Thái (mã 17230), Xã Tam Quang (mã 17227).',
    );
  });
});

describe('levelsBelow', () => {
  it('offers only the tiers under a unit', () => {
    expect(levelsBelow('PROVINCE')).toEqual(['DISTRICT', 'COMMUNE', 'VILLAGE']);
    expect(levelsBelow('VILLAGE')).toEqual([]);
  });
});
