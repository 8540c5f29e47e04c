import { IdentityLimits, RefreshRequest } from '@mogul/contracts';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** The body of refresh and logout. Any string passes; whether it is a live token is the service's call. */
export class RefreshTokenBody implements RefreshRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(IdentityLimits.refreshTokenMaxLength)
  refreshToken: string;
}
