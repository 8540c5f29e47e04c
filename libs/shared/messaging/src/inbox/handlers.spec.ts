import { HandlerRouter } from './handlers';

describe('HandlerRouter', () => {
  const paid = async () => undefined;
  const placed = async () => undefined;

  it('routes every type to a single handler, version 1 by default', () => {
    const router = new HandlerRouter({ handler: paid });
    expect(router.choose({ type: 'orders.order.paid', version: 1 })).toEqual({ kind: 'handle', handle: paid });
    expect(router.choose({ type: 'anything.else.happened', version: 1 })).toEqual({ kind: 'handle', handle: paid });
    expect(router.choose({ type: 'orders.order.paid', version: 2 })).toEqual({ kind: 'unsupported-version', supported: [1] });
  });

  it('routes by type and reports types it has no handler for', () => {
    const router = new HandlerRouter({
      handlers: { 'orders.order.paid': paid, 'orders.order.placed': { versions: [1, 2], handle: placed } },
    });
    expect(router.choose({ type: 'orders.order.placed', version: 2 })).toEqual({ kind: 'handle', handle: placed });
    expect(router.choose({ type: 'orders.order.placed', version: 3 })).toEqual({ kind: 'unsupported-version', supported: [1, 2] });
    expect(router.choose({ type: 'orders.order.refunded', version: 1 })).toEqual({ kind: 'unknown-type' });
  });

  it('routes the types of a batch to it, and refuses a type handled twice', () => {
    const batch = { types: ['orders.order.paid', 'orders.order.refunded'], handle: async () => undefined };
    const router = new HandlerRouter({ handlers: { 'orders.order.placed': placed }, batches: [batch] });
    expect(router.choose({ type: 'orders.order.refunded', version: 1 })).toEqual({ kind: 'batch', batch });
    expect(router.choose({ type: 'orders.order.paid', version: 2 })).toEqual({ kind: 'unsupported-version', supported: [1] });
    expect(router.choose({ type: 'orders.order.placed', version: 1 })).toEqual({ kind: 'handle', handle: placed });
    expect(() => new HandlerRouter({ handlers: { 'orders.order.paid': paid }, batches: [batch] })).toThrow(/more than one handler/);
  });

  it('needs one handler for all, or handlers by type', () => {
    expect(() => new HandlerRouter({})).toThrow(/give/);
    expect(() => new HandlerRouter({ handler: paid, handlers: {} })).toThrow(/give/);
  });
});
