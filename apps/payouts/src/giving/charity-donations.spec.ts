import { checkPosting } from '../ledger/posting';
import { Donation, donationPostings } from './charity-donations';

const creator = 'c0000000-0000-4000-8000-000000000001';
const charity = 'd0000000-0000-4000-8000-000000000001';
const donation: Donation = {
  id: 'e0000000-0000-4000-8000-000000000001',
  accrualId: 'a0000000-0000-4000-8000-000000000001',
  lineId: 'b0000000-0000-4000-8000-000000000001',
  kind: 'royalty',
  orderId: 'f0000000-0000-4000-8000-000000000001',
  productId: '90000000-0000-4000-8000-000000000001',
  creatorId: creator,
  charityId: charity,
  currency: 'AUD',
  amount: 83,
  percent: 25,
  quantity: 3,
};
const legsOf = (legs: { account: { kind: string; holderId: string }; amount: number }[]) =>
  legs.map((l) => [l.account.kind, l.account.holderId, l.amount]);

describe('donation postings', () => {
  it('moves the charity’s part from the creator’s pending to the charity’s, once per share of a line', () => {
    const given = donationPostings.give(donation);
    expect(() => checkPosting(given)).not.toThrow();
    expect(given).toMatchObject({ key: `donation:${donation.orderId}:${donation.lineId}:royalty`, kind: 'donation', creatorId: creator, amount: 83 });
    expect(legsOf(given.legs)).toEqual([
      ['creator_pending', creator, -83],
      ['charity_pending', charity, 83],
    ]);
  });

  it('releases on the charity’s accounts alone, under the donation’s key', () => {
    const released = donationPostings.release(donation);
    expect(() => checkPosting(released)).not.toThrow();
    expect(released).toMatchObject({ key: `release:${donation.id}`, kind: 'release', creatorId: charity });
    expect(legsOf(released.legs)).toEqual([
      ['charity_pending', charity, -83],
      ['charity_available', charity, 83],
    ]);
  });

  it('gives the part back from wherever the charity holds it to wherever the creator holds the accrual', () => {
    for (const from of ['pending', 'available'] as const) {
      for (const to of ['pending', 'available'] as const) {
        const back = donationPostings.giveBack(donation, from, to);
        expect(() => checkPosting(back)).not.toThrow();
        expect(back).toMatchObject({ key: `donation-reversal:${donation.id}`, kind: 'donation_reversal', creatorId: creator });
        expect(legsOf(back.legs)).toEqual([
          [`charity_${from}`, charity, -83],
          [`creator_${to}`, creator, 83],
        ]);
      }
    }
  });
});
