import { RefreshToken } from './refresh-token.entity';

const at = new Date('2025-01-01T00:00:00Z');
const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);

describe('RefreshToken', () => {
  it('is active until it expires', () => {
    const token = RefreshToken.startFamily('user-1', 'hash-1', at, 60);
    expect(token.stateAt(later(59))).toBe('active');
    expect(token.stateAt(later(60))).toBe('expired');
  });

  it('rotates into a successor of the same family and is then spent', () => {
    const token = RefreshToken.startFamily('user-1', 'hash-1', at, 60);
    const successor = token.rotate('hash-2', later(10), 60);

    expect(successor).toMatchObject({ familyId: token.familyId, userId: 'user-1', tokenHash: 'hash-2', expiresAt: later(70) });
    expect(token.replacedById).toBe(successor.id);
    expect(token.stateAt(later(11))).toBe('rotated');
    expect(() => token.rotate('hash-3', later(12), 60)).toThrow(/rotated/);
  });

  it('reports a rotated token as rotated even after expiry, and revocation above all', () => {
    const token = RefreshToken.startFamily('user-1', 'hash-1', at, 60);
    token.rotate('hash-2', later(10), 60);
    expect(token.stateAt(later(3600))).toBe('rotated');
    token.revokedAt = later(20);
    expect(token.stateAt(later(21))).toBe('revoked');
  });

  it('starts a new family each time', () => {
    const a = RefreshToken.startFamily('user-1', 'hash-a', at, 60);
    const b = RefreshToken.startFamily('user-1', 'hash-b', at, 60);
    expect(a.familyId).not.toBe(b.familyId);
  });
});
