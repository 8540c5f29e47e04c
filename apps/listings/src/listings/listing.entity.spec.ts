import { ListingEvents } from '@mogul/contracts';
import { pizzaFields, toppings } from '@mogul/testing';
import { ListingRetiredError, ListingRulesError, ListingTransitionError } from '../errors';
import { Listing } from './listing.entity';
import { eventOfTransition, listingEvent } from './listing.events';

const T0 = new Date('2025-01-01T00:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const draft = () =>
  Listing.create({
    id: '00000000-0000-4000-8000-000000000001',
    merchantId: '00000000-0000-4000-8000-0000000000aa',
    fields: pizzaFields(),
    at: T0,
  });

describe('a listing', () => {
  it('starts as a draft at version 1, holding the fields it was given', () => {
    const listing = draft();
    expect(listing.status).toBe('draft');
    expect(listing.version).toBe(1);
    expect(listing.fields()).toEqual(pizzaFields());
    expect(listing.publishedAt).toBeNull();
  });

  it('refuses to be created breaking a rule, naming the fields', () => {
    const fields = pizzaFields({ optionGroups: [toppings({ maxSelections: 9 })] });
    expect(() => Listing.create({ id: 'x', merchantId: 'm', fields, at: T0 })).toThrow(ListingRulesError);
  });

  it('moves its version and time with every change, and keeps when it was first published', () => {
    const listing = draft();
    listing.transition('publish', later(1));
    expect(listing).toMatchObject({ status: 'active', version: 2, publishedAt: later(1), updatedAt: later(1) });
    listing.transition('pause', later(2));
    listing.transition('resume', later(3));
    expect(listing).toMatchObject({ status: 'active', version: 4, publishedAt: later(1), updatedAt: later(3) });
  });

  it('applies an edit over the current fields; optionGroups are replaced whole', () => {
    const listing = draft();
    expect(listing.edit({ title: 'Margherita base', optionGroups: [toppings()] }, later(1))).toBe(true);
    expect(listing.fields()).toEqual(pizzaFields({ title: 'Margherita base', optionGroups: [toppings()] }));
    expect(listing.version).toBe(2);
  });

  it('ignores changes that are present but undefined', () => {
    const listing = draft();
    expect(listing.edit({ title: 'Calzone base', description: undefined }, later(1))).toBe(true);
    expect(listing.fields()).toEqual(pizzaFields({ title: 'Calzone base' }));
  });

  it('treats an edit to the values it already has as no change', () => {
    const listing = draft();
    expect(listing.edit({ title: listing.title, basePrice: { currency: 'AUD', amount: 1200 } }, later(1))).toBe(false);
    expect(listing.version).toBe(1);
    expect(listing.updatedAt).toEqual(T0);
  });

  it('checks the rules against the edited whole: a new base currency needs new deltas and bounds', () => {
    const listing = draft();
    let error: ListingRulesError | undefined;
    try {
      listing.edit({ basePrice: { amount: 1500, currency: 'NZD' } }, later(1));
    } catch (thrown) {
      error = thrown as ListingRulesError;
    }
    expect(error).toBeInstanceOf(ListingRulesError);
    expect(error?.code).toBe('unprocessable');
    expect(error?.problems?.map((p) => p.field)).toContain('optionGroups[0].options[1].priceDelta.currency');
    expect(listing.fields()).toEqual(pizzaFields());
    expect(listing.version).toBe(1);
  });

  it('cannot be edited or moved once retired', () => {
    const listing = draft();
    listing.transition('publish', later(1));
    listing.transition('retire', later(2));
    expect(() => listing.edit({ title: 'Back from the dead' }, later(3))).toThrow(ListingRetiredError);
    expect(() => listing.transition('resume', later(3))).toThrow(ListingTransitionError);
  });

  it('is visible to anyone while active or paused, and to its merchant only as a draft or retired', () => {
    const listing = draft();
    expect(listing.isVisibleTo(undefined)).toBe(false);
    expect(listing.isVisibleTo('someone-else')).toBe(false);
    expect(listing.isVisibleTo(listing.merchantId)).toBe(true);
    listing.transition('publish', later(1));
    listing.transition('pause', later(2));
    expect(listing.isVisibleTo(undefined)).toBe(true);
    listing.transition('retire', later(3));
    expect(listing.isVisibleTo('someone-else')).toBe(false);
    expect(listing.isVisibleTo(listing.merchantId)).toBe(true);
  });

  it('publishes its whole public state with every event', () => {
    const listing = draft();
    listing.transition('publish', later(1));
    expect(listingEvent('published', listing)).toEqual({
      ...ListingEvents.published,
      aggregateId: listing.id,
      payload: {
        id: listing.id,
        merchantId: listing.merchantId,
        ...pizzaFields(),
        status: 'active',
        version: 2,
        updatedAt: later(1).toISOString(),
      },
    });
  });

  it('tells other services of retirement only when they knew the listing', () => {
    expect(eventOfTransition('retire', false)).toBeUndefined();
    expect(eventOfTransition('retire', true)).toBe('retired');
    expect(['publish', 'pause', 'resume'].map((t) => eventOfTransition(t as 'publish', true))).toEqual(['published', 'paused', 'resumed']);
  });
});
