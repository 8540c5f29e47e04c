import { Accounts, checkPosting, Moves, Posting, UnbalancedPostingError } from './posting';

const creator = 'c0000000-0000-4000-8000-000000000001';
const posting = (changes: Partial<Posting> = {}): Posting => ({
  key: 'accrual:o:l:royalty',
  kind: 'accrual',
  currency: 'AUD',
  creatorId: creator,
  amount: 450,
  legs: Moves.accrue(creator, 'AUD', 450),
  ...changes,
});

describe('postings', () => {
  it('moves money between the chart’s accounts in legs that sum to zero', () => {
    for (const move of Object.values(Moves)) {
      const legs = move(creator, 'AUD', 450, 'available');
      expect(legs.reduce((sum, leg) => sum + leg.amount, 0)).toBe(0);
      expect(() => checkPosting(posting({ legs }))).not.toThrow();
    }
    expect(Moves.reverse(creator, 'AUD', 450, 'pending')[0].account).toEqual(Accounts.pending(creator, 'AUD'));
    expect(Moves.reverse(creator, 'AUD', 450, 'available')[0].account).toEqual(Accounts.available(creator, 'AUD'));
  });

  it('refuses what would break the ledger before it reaches the database', () => {
    const expense = Accounts.royaltyExpense('AUD');
    const pending = Accounts.pending(creator, 'AUD');
    const refused: Partial<Posting>[] = [
      {
        legs: [
          { account: expense, amount: -450 },
          { account: pending, amount: 449 },
        ],
      },
      { legs: [{ account: pending, amount: 450 }] },
      {
        legs: [
          { account: expense, amount: -450 },
          { account: Accounts.pending(creator, 'NZD'), amount: 450 },
        ],
      },
      {
        legs: [
          { account: pending, amount: -450 },
          { account: pending, amount: 450 },
        ],
      },
      {
        legs: [
          { account: expense, amount: 0 },
          { account: pending, amount: 0 },
        ],
      },
      {
        legs: [
          { account: expense, amount: -4.5 },
          { account: pending, amount: 4.5 },
        ],
      },
      { amount: 0 },
      { amount: -450 },
    ];
    for (const changes of refused) expect(() => checkPosting(posting(changes))).toThrow(UnbalancedPostingError);
  });
});
