import { AuditEntry, personalDataIn, withoutPersonalData } from './audit';

const entry = (after: object) => Object.assign(new AuditEntry(), { action: 'applyForStall', entityType: 'StallApplication', before: null, after: JSON.stringify(after) });

describe('withoutPersonalData', () => {
  it('drops personal fields at any depth, keeping ids, what else changed and change flags', () => {
    const record = {
      id: 'a1',
      exhibitorName: 'HTX Tam Quang',
      contactName: 'Trần Văn Hải',
      contactPhone: '0983123456',
      exhibitorKey: '0983123456',
      contacts: [{ id: 'c1', fullName: 'Hồ Thị Mai', phone: '0912000111', email: 'mai@example.vn', position: 'Giám đốc' }],
      changed: { phone: true, address: false },
      at: new Date('2026-01-01T00:00:00Z'),
    };
    expect(withoutPersonalData(record)).toEqual({
      id: 'a1',
      exhibitorName: 'HTX Tam Quang',
      contacts: [{ id: 'c1', position: 'Giám đốc' }],
      changed: { phone: true, address: false },
      at: record.at,
    });
  });
});

describe('personalDataIn', () => {
  it.each([
    ['a phone under any name', { note: 'gọi 0912345678' }],
    ['an international phone', { key: '+84912345678' }],
    ['an e-mail address', { by: 'mai@example.vn' }],
    ['a personal field', { household: 'Hộ ông Ba' }],
  ])('finds %s', (_what, after) => {
    expect(personalDataIn([entry(after)])).toHaveLength(1);
  });

  it('passes ids, amounts, tax codes and change flags', () => {
    const after = { id: '0c9e2a1b-0912-4345-8678-0912345678ab', amount: 1500000000, taxCode: '0101234567', changed: { phone: false } };
    expect(personalDataIn([entry(after)])).toEqual([]);
  });
});
