import { splitRoyalty } from './royalty-split';

const creator = 'c0000000-0000-4000-8000-000000000001';
const parent = 'c0000000-0000-4000-8000-000000000002';
const shopper = 'c0000000-0000-4000-8000-000000000003';
const terms = { creatorId: creator, parentCreatorId: null, parentShareBps: null, royaltyPerUnit: 150, quantity: 3 };

describe('splitRoyalty', () => {
  it('gives a design’s creator royalty per unit × quantity', () => {
    expect(splitRoyalty(terms, shopper)).toEqual([{ kind: 'royalty', creatorId: creator, amount: 450, eligible: true }]);
  });

  it('gives a remix parent the share rounded down and the remix creator the rest, to the cent', () => {
    const remix = { ...terms, parentCreatorId: parent, parentShareBps: 2000, royaltyPerUnit: 333, quantity: 1 };
    expect(splitRoyalty(remix, shopper)).toEqual([
      { kind: 'royalty', creatorId: creator, amount: 267, eligible: true },
      { kind: 'remix_share', creatorId: parent, amount: 66, eligible: true },
    ]);
    for (const bps of [0, 1, 3333, 5000, 9999, 10_000]) {
      for (const royaltyPerUnit of [1, 7, 99, 333, 1001]) {
        const shares = splitRoyalty({ ...remix, parentShareBps: bps, royaltyPerUnit, quantity: 3 }, shopper);
        expect(shares.reduce((sum, s) => sum + s.amount, 0)).toBe(royaltyPerUnit * 3);
        expect(shares.every((s) => s.amount > 0)).toBe(true);
      }
    }
  });

  it('makes a shopper’s purchase of their own design ineligible, and only their own part', () => {
    expect(splitRoyalty(terms, creator)).toEqual([{ kind: 'royalty', creatorId: creator, amount: 450, eligible: false }]);
    const remix = { ...terms, parentCreatorId: parent, parentShareBps: 2000 };
    expect(splitRoyalty(remix, creator).map((s) => [s.kind, s.eligible])).toEqual([
      ['royalty', false],
      ['remix_share', true],
    ]);
    expect(splitRoyalty(remix, parent).map((s) => [s.kind, s.eligible])).toEqual([
      ['royalty', true],
      ['remix_share', false],
    ]);
  });

  it('leaves out parts of zero and refuses impossible terms', () => {
    expect(splitRoyalty({ ...terms, royaltyPerUnit: 0 }, shopper)).toEqual([]);
    expect(splitRoyalty({ ...terms, parentCreatorId: parent, parentShareBps: 10, royaltyPerUnit: 3, quantity: 1 }, shopper)).toEqual([
      { kind: 'royalty', creatorId: creator, amount: 3, eligible: true },
    ]);
    expect(() => splitRoyalty({ ...terms, parentCreatorId: parent, parentShareBps: 10_001 }, shopper)).toThrow(/bps/);
    expect(() => splitRoyalty({ ...terms, quantity: 0 }, shopper)).toThrow(/quantity/);
  });
});
