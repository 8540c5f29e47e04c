import { Headers } from '@mogul/contracts';
import { deadLetterHeaders, describeError, MAX_ERROR_LENGTH } from './dead-letter';

describe('deadLetterHeaders', () => {
  const source = { topic: 'orders.order', partition: 3, offset: '42' };

  it('keeps the original headers and says where the message came from and why', () => {
    const original = { [Headers.eventId]: Buffer.from('e-1'), empty: undefined };
    expect(deadLetterHeaders(original, source, 'handler-failed', 'Error: boom', 5)).toEqual({
      [Headers.eventId]: Buffer.from('e-1'),
      [Headers.dlqError]: 'Error: boom',
      [Headers.dlqReason]: 'handler-failed',
      [Headers.dlqAttempts]: '5',
      [Headers.dlqSourceTopic]: 'orders.order',
      [Headers.dlqSourcePartition]: '3',
      [Headers.dlqSourceOffset]: '42',
    });
  });

  it('replaces dead-letter headers from an earlier trip through a dead-letter topic', () => {
    const original = { [Headers.dlqReason]: 'malformed', [Headers.dlqAttempts]: '1' };
    const headers = deadLetterHeaders(original, source, 'handler-failed', 'Error: again', 3);
    expect(headers[Headers.dlqReason]).toBe('handler-failed');
    expect(headers[Headers.dlqAttempts]).toBe('3');
  });

  it('works for a message without headers', () => {
    expect(deadLetterHeaders(undefined, source, 'malformed', 'bad JSON', 1)[Headers.dlqReason]).toBe('malformed');
  });
});

describe('describeError', () => {
  it('names the error class and message', () => {
    expect(describeError(new TypeError('no such field'))).toBe('TypeError: no such field');
    expect(describeError('plain text')).toBe('plain text');
  });

  it('cuts long messages short', () => {
    const text = describeError(new Error('x'.repeat(10_000)));
    expect(text).toHaveLength(MAX_ERROR_LENGTH);
    expect(text.endsWith('…')).toBe(true);
  });
});
