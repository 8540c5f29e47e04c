import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { RefreshRequest } from '@mogul/contracts';
import { Required } from '../../problem/required.decorator';
import { REFRESH_TOKEN_MAX_LENGTH } from './credentials';

/** Body of /auth/refresh and /auth/logout. */
export class RefreshTokenDto implements RefreshRequest {
  @ApiProperty({ description: 'The refresh token from the last login or refresh.', maxLength: REFRESH_TOKEN_MAX_LENGTH })
  @MaxLength(REFRESH_TOKEN_MAX_LENGTH)
  @IsNotEmpty()
  @IsString()
  @Required()
  refreshToken!: string;
}
