import { IdentityLimits } from '@mogul/contracts';

/**
 * Input limits come from the identity contract so that the gateway refuses exactly what identity
 * would. Passwords have a length rule and no composition rules (OWASP ASVS V2.1.9, NIST SP 800-63B
 * 5.1.1.2); the maximum bounds the cost of hashing.
 */
export const PASSWORD_MIN_LENGTH = IdentityLimits.passwordMinLength;
export const PASSWORD_MAX_LENGTH = IdentityLimits.passwordMaxLength;
export const EMAIL_MAX_LENGTH = IdentityLimits.emailMaxLength;
export const DISPLAY_NAME_MAX_LENGTH = IdentityLimits.displayNameMaxLength;
/** Refresh tokens are opaque; anything longer is not one of ours. */
export const REFRESH_TOKEN_MAX_LENGTH = IdentityLimits.refreshTokenMaxLength;
