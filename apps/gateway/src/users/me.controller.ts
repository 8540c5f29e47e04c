import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenClaims, IdentityPatterns, UserProfile, UserRequest } from '@mogul/contracts';
import { ServiceClient } from '@mogul/messaging';
import { CorrelationId } from '@mogul/observability';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { unwrap } from '../problem/errors';
import { UserProfileResponse } from './dto/user-profile.response';

/** The signed-in user's own account. */
@ApiTags('me')
@ApiBearerAuth(BEARER_SCHEME)
@Controller('me')
export class MeController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user’s profile' })
  @ApiOkResponse({ type: UserProfileResponse, description: 'The profile.' })
  @ApiProblems(401, 404)
  async profile(@CurrentUser() user: AccessTokenClaims, @CorrelationId() correlationId: string): Promise<UserProfile> {
    return unwrap(await this.services.send<UserProfile, UserRequest>(IdentityPatterns.getProfile, { userId: user.sub }, correlationId));
  }

  @Post('creator')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Opt in as a creator',
    description: 'Adds the creator role. Access tokens issued before carry the old roles: refresh to get one with the new role.',
  })
  @ApiOkResponse({ type: UserProfileResponse, description: 'The profile with the creator role.' })
  @ApiProblems(401, 404)
  async becomeCreator(@CurrentUser() user: AccessTokenClaims, @CorrelationId() correlationId: string): Promise<UserProfile> {
    return unwrap(await this.services.send<UserProfile, UserRequest>(IdentityPatterns.becomeCreator, { userId: user.sub }, correlationId));
  }
}
