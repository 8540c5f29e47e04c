import { LISTING_STATUSES, ListingStatus } from '@mogul/contracts';
import { ListingRetiredError, ListingTransitionError } from '../errors';
import { assertEditable, isPublic, ListingLifecycle, ListingTransition } from './listing-status';

const TRANSITIONS: ListingTransition[] = ['publish', 'pause', 'resume', 'retire'];

/** Every allowed move; everything else is refused. */
const ALLOWED: [ListingStatus, ListingTransition, ListingStatus][] = [
  ['draft', 'publish', 'active'],
  ['draft', 'retire', 'retired'],
  ['active', 'pause', 'paused'],
  ['active', 'retire', 'retired'],
  ['paused', 'resume', 'active'],
  ['paused', 'retire', 'retired'],
];

describe('the listing state machine', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, transition, to) => {
    expect(ListingLifecycle.next(from, transition)).toBe(to);
  });

  const refused = LISTING_STATUSES.flatMap((from) =>
    TRANSITIONS.filter((transition) => !ALLOWED.some(([f, t]) => f === from && t === transition)).map(
      (transition) => [from, transition] as const,
    ),
  );

  it.each(refused)('refuses %s --%s--> as a conflict', (from, transition) => {
    expect(() => ListingLifecycle.next(from, transition)).toThrow(ListingTransitionError);
    try {
      ListingLifecycle.next(from, transition);
    } catch (error) {
      expect((error as ListingTransitionError).code).toBe('conflict');
      expect((error as ListingTransitionError).message).toBe(`cannot ${transition} a listing that is ${from}`);
    }
  });

  it('has nothing to leave retired by', () => {
    expect(refused.filter(([from]) => from === 'retired').map(([, t]) => t)).toEqual(TRANSITIONS);
  });

  it('lets every status but retired be edited', () => {
    for (const status of ['draft', 'active', 'paused'] as const) expect(() => assertEditable('l', status)).not.toThrow();
    expect(() => assertEditable('l', 'retired')).toThrow(ListingRetiredError);
  });

  it('calls active and paused listings public', () => {
    expect(LISTING_STATUSES.filter(isPublic)).toEqual(['active', 'paused']);
  });
});
