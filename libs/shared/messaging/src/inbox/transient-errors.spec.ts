import { QueryFailedError } from 'typeorm';
import { isTransientDatabaseError } from './transient-errors';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('isTransientDatabaseError', () => {
  it('recognises connection failures and shutdowns', () => {
    expect(isTransientDatabaseError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientDatabaseError(pgError('57P01'))).toBe(true);
    expect(isTransientDatabaseError(pgError('08006'))).toBe(true);
    expect(isTransientDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('looks through TypeORM query errors', () => {
    expect(isTransientDatabaseError(new QueryFailedError('SELECT 1', [], pgError('40P01')))).toBe(true);
    expect(isTransientDatabaseError(new QueryFailedError('INSERT', [], pgError('23505')))).toBe(false);
  });

  it('treats anything else as the event handler failing', () => {
    expect(isTransientDatabaseError(new Error('royalty policy violated'))).toBe(false);
    expect(isTransientDatabaseError(undefined)).toBe(false);
  });
});
