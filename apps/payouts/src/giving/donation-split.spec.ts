import { splitDonation } from './donation-split';

const charity = 'd0000000-0000-4000-8000-000000000001';

describe('splitDonation', () => {
  it('gives the charity its percent rounded down and the creator the rest', () => {
    expect(splitDonation(333, { charityId: charity, percent: 25 })).toEqual({ creatorPart: 250, charityPart: 83 });
    expect(splitDonation(450, { charityId: charity, percent: 10 })).toEqual({ creatorPart: 405, charityPart: 45 });
    expect(splitDonation(1, { charityId: charity, percent: 99 })).toEqual({ creatorPart: 1, charityPart: 0 });
  });

  it('always adds up to the share, to the cent', () => {
    for (const share of [0, 1, 7, 99, 333, 1001, 987_654_321]) {
      for (const percent of [0, 1, 25, 33, 50, 67, 99, 100]) {
        const { creatorPart, charityPart } = splitDonation(share, { charityId: charity, percent });
        expect(creatorPart + charityPart).toBe(share);
        expect(charityPart).toBe(Math.floor((share * percent) / 100));
        expect(creatorPart).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('keeps everything with the creator without a setting, and gives everything at 100 %', () => {
    expect(splitDonation(333, undefined)).toEqual({ creatorPart: 333, charityPart: 0 });
    expect(splitDonation(333, { charityId: charity, percent: 100 })).toEqual({ creatorPart: 0, charityPart: 333 });
  });

  it('refuses impossible terms', () => {
    expect(() => splitDonation(333, { charityId: charity, percent: 101 })).toThrow(/percent/);
    expect(() => splitDonation(333, { charityId: charity, percent: 2.5 })).toThrow(/percent/);
    expect(() => splitDonation(-1, { charityId: charity, percent: 10 })).toThrow(/share/);
  });
});
