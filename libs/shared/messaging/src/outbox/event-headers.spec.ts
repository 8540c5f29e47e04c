import { envelope, Headers } from '@mogul/contracts';
import { eventHeaders } from './event-headers';

describe('eventHeaders', () => {
  const event = envelope(
    { type: 'orders.order.paid', version: 2, aggregateId: 'order-1', payload: {} },
    { correlationId: 'corr-1', causationId: 'cause-1' },
  );

  it('names the event, its version and its causes', () => {
    expect(eventHeaders(event)).toEqual({
      [Headers.eventId]: event.id,
      [Headers.eventType]: 'orders.order.paid',
      [Headers.eventVersion]: '2',
      [Headers.correlationId]: 'corr-1',
      [Headers.causationId]: 'cause-1',
    });
  });

  it('leaves out the causation id of an event nothing caused', () => {
    expect(eventHeaders({ ...event, causationId: null })).not.toHaveProperty(Headers.causationId);
  });

  it('keeps extra headers but never lets them replace the platform ones', () => {
    const headers = eventHeaders(event, { traceparent: 'abc', [Headers.eventType]: 'forged' });
    expect(headers.traceparent).toBe('abc');
    expect(headers[Headers.eventType]).toBe('orders.order.paid');
  });
});
