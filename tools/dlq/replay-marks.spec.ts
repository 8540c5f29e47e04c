import { encodeMarks, isReplayed, markOne, markThrough, MAX_METADATA_BYTES, parseMarks, TooManySingleReplaysError } from './replay-marks';

describe('replay marks', () => {
  it('start empty when the group never committed', () => {
    const marks = parseMarks('-1', null);
    expect(marks).toEqual({ next: null, replayed: new Set() });
    expect(isReplayed(marks, 0n)).toBe(false);
  });

  it('record a single replay ahead of the done range in the metadata', () => {
    const marks = markOne(parseMarks('-1', null), 5n, 2n);
    expect(marks.next).toBe(2n);
    expect(isReplayed(marks, 5n)).toBe(true);
    expect(isReplayed(marks, 4n)).toBe(false);
    expect(encodeMarks(marks, 0)).toEqual({ offset: '2', metadata: '{"replayed":["5"]}' });
  });

  it('move the done range over single replays that join it', () => {
    let marks = markOne(parseMarks('3', '{"replayed":["5"]}'), 4n, 0n);
    expect(marks).toEqual({ next: 3n, replayed: new Set([4n, 5n]) });
    marks = markOne(marks, 3n, 0n);
    expect(marks).toEqual({ next: 6n, replayed: new Set() });
  });

  it('pass over single replays when a whole topic is replayed in order', () => {
    const marks = markThrough(parseMarks('0', '{"replayed":["1","7"]}'), 0n);
    expect(marks).toEqual({ next: 2n, replayed: new Set([7n]) });
    expect(markThrough(marks, 9n)).toEqual({ next: 10n, replayed: new Set() });
  });

  it('survive a round trip through the commit', () => {
    const marks = markOne(markOne(parseMarks('10', null), 12n, 0n), 15n, 0n);
    const { offset, metadata } = encodeMarks(marks, 0);
    expect(parseMarks(offset, metadata)).toEqual(marks);
  });

  it('ignore metadata that is not theirs', () => {
    expect(parseMarks('4', 'not json')).toEqual({ next: 4n, replayed: new Set() });
  });

  it('refuse to record more single replays than the commit metadata holds', () => {
    let marks = parseMarks('0', null);
    for (
      let offset = 1_000_000_000n;
      Buffer.byteLength(JSON.stringify([...marks.replayed].map(String))) <= MAX_METADATA_BYTES;
      offset += 2n
    ) {
      marks = markOne(marks, offset, 0n);
    }
    expect(() => encodeMarks(marks, 3)).toThrow(TooManySingleReplaysError);
  });
});
