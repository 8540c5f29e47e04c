import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { IdentityPatterns, LoginRequest, LogoutReply, RefreshRequest, RegisterRequest } from '@mogul/contracts';
import { ServiceClient } from '@mogul/messaging';
import { CorrelationId } from '@mogul/observability';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { unwrap } from '../problem/errors';
import { LoginDto } from './dto/login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { RegisterDto } from './dto/register.dto';
import { SignedInResponse } from './dto/signed-in.response';
import { Public } from './public.decorator';

/** Accounts and tokens. Open to anyone, and rate-limited per client address against guessing. */
@ApiTags('auth')
@Controller('auth')
@Public()
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(private readonly services: ServiceClient) {}

  @Post('register')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Register as a shopper', description: 'Creates the account and signs it in.' })
  @ApiCreatedResponse({ type: SignedInResponse, description: 'Registered and signed in.' })
  @ApiProblems(400, 409, 413, 429)
  async register(@Body() body: RegisterDto, @CorrelationId() correlationId: string): Promise<SignedInResponse> {
    const request: RegisterRequest = { email: body.email, password: body.password, displayName: body.displayName };
    return unwrap(await this.services.send<SignedInResponse, RegisterRequest>(IdentityPatterns.register, request, correlationId));
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: SignedInResponse, description: 'Signed in.' })
  @ApiProblems(400, 401, 413, 429)
  async login(@Body() body: LoginDto, @CorrelationId() correlationId: string): Promise<SignedInResponse> {
    const request: LoginRequest = { email: body.email, password: body.password };
    return unwrap(await this.services.send<SignedInResponse, LoginRequest>(IdentityPatterns.login, request, correlationId));
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new token pair',
    description:
      'The refresh token rotates: the old one stops working. Presenting a rotated token again revokes every token of its family.',
  })
  @ApiOkResponse({ type: SignedInResponse, description: 'A new token pair; the presented refresh token is spent.' })
  @ApiProblems(400, 401, 413, 429)
  async refresh(@Body() body: RefreshTokenDto, @CorrelationId() correlationId: string): Promise<SignedInResponse> {
    const request: RefreshRequest = { refreshToken: body.refreshToken };
    return unwrap(await this.services.send<SignedInResponse, RefreshRequest>(IdentityPatterns.refresh, request, correlationId));
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out: revoke the refresh token' })
  @ApiNoContentResponse({ description: 'Signed out.' })
  @ApiProblems(400, 401, 413, 429)
  async logout(@Body() body: RefreshTokenDto, @CorrelationId() correlationId: string): Promise<void> {
    const request: RefreshRequest = { refreshToken: body.refreshToken };
    unwrap(await this.services.send<LogoutReply, RefreshRequest>(IdentityPatterns.logout, request, correlationId));
  }
}
