import { envelope, Headers } from '@mogul/contracts';
import { headerText, parseEventMessage } from './incoming-message';

describe('parseEventMessage', () => {
  const event = envelope(
    { type: 'orders.order.paid', version: 1, aggregateId: 'o-1', payload: { amount: 1250 } },
    { correlationId: 'c-1' },
  );

  it('accepts an envelope', () => {
    expect(parseEventMessage(Buffer.from(JSON.stringify(event)))).toEqual({ ok: true, event });
  });

  it('tolerates fields it does not know', () => {
    const parsed = parseEventMessage(JSON.stringify({ ...event, region: 'au' }));
    expect(parsed.ok).toBe(true);
  });

  it('rejects an empty message', () => {
    expect(parseEventMessage(null)).toEqual({ ok: false, problem: 'message has no value' });
    expect(parseEventMessage(Buffer.alloc(0))).toEqual({ ok: false, problem: 'message has no value' });
  });

  it('rejects text that is not JSON, saying so', () => {
    const parsed = parseEventMessage(Buffer.from('{"id": '));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toMatch(/^message is not valid JSON/);
  });

  it('rejects JSON that is not an envelope', () => {
    expect(parseEventMessage('"just text"')).toEqual({ ok: false, problem: 'message is not a JSON object' });
    expect(parseEventMessage(JSON.stringify({ ...event, version: 0 }))).toEqual({
      ok: false,
      problem: 'envelope field "version" is missing or not a positive integer',
    });
  });

  it('rejects an id the inbox could not record', () => {
    expect(parseEventMessage(JSON.stringify({ ...event, id: 'not-a-uuid' }))).toEqual({
      ok: false,
      problem: 'envelope field "id" is not a uuid',
    });
  });
});

describe('headerText', () => {
  it('reads buffers, strings and the first of repeated headers', () => {
    const headers = { a: Buffer.from('x'), b: 'y', c: [Buffer.from('first'), 'second'], d: undefined };
    expect(headerText(headers, 'a')).toBe('x');
    expect(headerText(headers, 'b')).toBe('y');
    expect(headerText(headers, 'c')).toBe('first');
    expect(headerText(headers, 'd')).toBeUndefined();
    expect(headerText(undefined, Headers.correlationId)).toBeUndefined();
  });
});
