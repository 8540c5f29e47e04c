import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IdentityPatterns, LogoutReply, RefreshRequest, Reply, RequestMessage, SessionReply } from '@mogul/contracts';
import { answer, validBody } from '@mogul/messaging';
import { RefreshTokenBody } from './dto/refresh-token.body';
import { TokenService } from './token.service';

/** Request–reply handlers for refresh tokens: validate, call the service, answer. */
@Controller()
export class TokensController {
  constructor(private readonly tokens: TokenService) {}

  @MessagePattern(IdentityPatterns.refresh)
  refresh(@Payload() message: RequestMessage<RefreshRequest>): Promise<Reply<SessionReply>> {
    return answer(async () => {
      const { user, tokens } = await this.tokens.rotate((await validBody(RefreshTokenBody, message)).refreshToken);
      return { user: user.profile(), tokens };
    });
  }

  @MessagePattern(IdentityPatterns.logout)
  logout(@Payload() message: RequestMessage<RefreshRequest>): Promise<Reply<LogoutReply>> {
    return answer(async () => {
      await this.tokens.revokeFamily((await validBody(RefreshTokenBody, message)).refreshToken);
      return { revoked: true as const };
    });
  }
}
