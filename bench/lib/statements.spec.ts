import { databaseNameOf, statementsPerUnit } from './statements';

describe('databaseNameOf', () => {
  it('reads the database from a connection URL', () => {
    expect(databaseNameOf('postgres://postgres@127.0.0.1:5432/mogul_test_proc_orders_1a2b3c4d')).toBe('mogul_test_proc_orders_1a2b3c4d');
  });
});

describe('statementsPerUnit', () => {
  const owners = { orders: 'db_orders', identity: 'db_identity', payouts: 'db_payouts' };

  it('divides each database by the units, names it by its owner, largest first, after the total', () => {
    const counts = new Map([
      ['db_orders', 800],
      ['db_identity', 100],
      ['postgres', 5000],
    ]);
    expect(statementsPerUnit('c=50', counts, owners, 100)).toEqual([
      { label: 'c=50 all services', value: 9, unit: '' },
      { label: 'c=50   orders', value: 8, unit: '' },
      { label: 'c=50   identity', value: 1, unit: '' },
      { label: 'c=50   payouts', value: 0, unit: '' },
    ]);
  });

  it('does not divide by zero units', () => {
    expect(statementsPerUnit('x', new Map([['db_orders', 3]]), owners, 0)[0].value).toBe(3);
  });
});
