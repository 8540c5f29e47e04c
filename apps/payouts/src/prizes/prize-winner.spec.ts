import { prizeWinner, rankForPrize } from './prize-winner';

const ada = 'aaaaaaaa-0000-4000-8000-000000000001';
const ben = 'bbbbbbbb-0000-4000-8000-000000000002';
const cy = 'cccccccc-0000-4000-8000-000000000003';

describe('the weekly prize winner', () => {
  it('is the creator with the highest net', () => {
    expect(
      prizeWinner([
        { creatorId: ada, net: 450, reachedAt: 1n },
        { creatorId: ben, net: 900, reachedAt: 7n },
        { creatorId: cy, net: 10, reachedAt: 2n },
      ])?.creatorId,
    ).toBe(ben);
  });

  it('on equal nets, is whoever reached the figure first in the ledger', () => {
    const tie = [
      { creatorId: ben, net: 450, reachedAt: 12n },
      { creatorId: ada, net: 450, reachedAt: 9n },
    ];
    expect(prizeWinner(tie)?.creatorId).toBe(ada);
    expect(rankForPrize(tie).map((e) => e.creatorId)).toEqual([ada, ben]);
    // Sequences beyond 2^53 still compare exactly.
    expect(
      prizeWinner([
        { creatorId: ada, net: 450, reachedAt: 9_007_199_254_740_993n },
        { creatorId: ben, net: 450, reachedAt: 9_007_199_254_740_992n },
      ])?.creatorId,
    ).toBe(ben);
  });

  it('is nobody when nobody earned more than nothing', () => {
    expect(prizeWinner([])).toBeUndefined();
    expect(
      prizeWinner([
        { creatorId: ada, net: 0, reachedAt: 3n },
        { creatorId: ben, net: -450, reachedAt: 4n },
      ]),
    ).toBeUndefined();
    expect(
      rankForPrize([
        { creatorId: ada, net: 1, reachedAt: 5n },
        { creatorId: ben, net: 0, reachedAt: 1n },
      ]).map((e) => e.creatorId),
    ).toEqual([ada]);
  });
});
