import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { SessionReply } from '@mogul/contracts';
import { INTERNAL_API_PREFIX } from '@mogul/http';
import { RefreshTokenBody } from './dto/refresh-token.body';
import { TokenService } from './token.service';

/**
 * Refresh and logout. The refresh token in the body is the credential; the gateway calls these
 * with its own token, as for a visitor.
 */
@Controller(`${INTERNAL_API_PREFIX}/auth`)
export class TokensController {
  constructor(private readonly tokens: TokenService) {}

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  async refresh(@Body() { refreshToken }: RefreshTokenBody): Promise<SessionReply> {
    const { user, tokens } = await this.tokens.rotate(refreshToken);
    return { user: user.profile(), tokens };
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(@Body() { refreshToken }: RefreshTokenBody): Promise<void> {
    await this.tokens.revokeFamily(refreshToken);
  }
}
