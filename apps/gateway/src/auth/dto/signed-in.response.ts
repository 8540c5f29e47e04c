import { ApiProperty } from '@nestjs/swagger';
import { TokenPair } from '@mogul/contracts';
import { UserProfileResponse } from '../../users/dto/user-profile.response';

export class TokenPairResponse implements TokenPair {
  @ApiProperty({ description: 'JWT (HS256) to send as `Authorization: Bearer <token>`.' })
  accessToken!: string;

  @ApiProperty({ description: 'Seconds until the access token expires.', example: 900 })
  accessTokenExpiresIn!: number;

  @ApiProperty({
    description: 'Opaque; exchange it at /auth/refresh. Each use rotates it, and reusing a rotated one signs the whole family out.',
  })
  refreshToken!: string;

  @ApiProperty({ format: 'date-time' })
  refreshTokenExpiresAt!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';
}

/** What register, login and refresh answer: the user and a fresh token pair. */
export class SignedInResponse {
  @ApiProperty({ type: UserProfileResponse })
  user!: UserProfileResponse;

  @ApiProperty({ type: TokenPairResponse })
  tokens!: TokenPairResponse;
}
