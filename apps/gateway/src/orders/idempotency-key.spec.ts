import { RequestValidationError } from '@mogul/http';
import { idempotencyKeyOf } from './idempotency-key';

describe('idempotencyKeyOf', () => {
  it('accepts a key of up to 255 characters', () => {
    expect(idempotencyKeyOf('k-1')).toBe('k-1');
    expect(idempotencyKeyOf('x'.repeat(255))).toHaveLength(255);
  });

  it.each([[undefined], [''], ['   '], ['x'.repeat(256)]])('rejects %p naming the header', (value) => {
    expect(() => idempotencyKeyOf(value)).toThrow(RequestValidationError);
    try {
      idempotencyKeyOf(value);
    } catch (error) {
      expect((error as RequestValidationError).problems[0].field).toBe('Idempotency-Key');
    }
  });
});
