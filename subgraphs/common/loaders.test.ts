import DataLoader from 'dataloader';
import type { Database } from './database';
import { byKey, groupedByKey, LoaderRegistry, type LoaderFactory } from './loaders';

interface Row {
  id: string;
  teamId: string;
}

const rows: Row[] = [
  { id: 'm1', teamId: 'b' },
  { id: 'm2', teamId: 'a' },
  { id: 'm3', teamId: 'b' },
];

describe('byKey', () => {
  it('returns rows in the order of the keys, undefined where no row matched', () => {
    expect(byKey(['m3', 'missing', 'm1'], rows, (row) => row.id)).toEqual([rows[2], undefined, rows[0]]);
  });

  it('answers a key asked for twice twice', () => {
    expect(byKey(['m2', 'm2'], rows, (row) => row.id)).toEqual([rows[1], rows[1]]);
  });
});

describe('groupedByKey', () => {
  it('groups rows under the keys in key order, [] where no row matched', () => {
    expect(groupedByKey(['b', 'none', 'a'], rows, (row) => row.teamId)).toEqual([
      [rows[0], rows[2]],
      [],
      [rows[1]],
    ]);
  });

  it('ignores rows whose key was not asked for', () => {
    expect(groupedByKey(['a'], rows, (row) => row.teamId)).toEqual([[rows[1]]]);
  });
});

describe('LoaderRegistry', () => {
  const db = {} as Database;
  const squares: LoaderFactory<number, number> = () =>
    new DataLoader<number, number>(async (keys) => keys.map((key) => key * key));
  const doubles: LoaderFactory<number, number> = () =>
    new DataLoader<number, number>(async (keys) => keys.map((key) => key * 2));

  it('gives the same loader for the same factory within one registry', () => {
    const registry = new LoaderRegistry(db);
    expect(registry.get(squares)).toBe(registry.get(squares));
  });

  it('gives different loaders for different factories', async () => {
    const registry = new LoaderRegistry(db);
    expect(registry.get(squares)).not.toBe(registry.get(doubles));
    expect(await registry.get(doubles).load(3)).toBe(6);
  });

  it('gives a new loader (and so a new cache) to a new registry', () => {
    expect(new LoaderRegistry(db).get(squares)).not.toBe(new LoaderRegistry(db).get(squares));
  });

  it('passes its database to the factory', () => {
    const factory = jest.fn(squares);
    new LoaderRegistry(db).get(factory);
    expect(factory).toHaveBeenCalledWith(db);
  });
});
