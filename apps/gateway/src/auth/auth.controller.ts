import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiAnonymous } from '../openapi/api-anonymous.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { IdentityClient } from '../services/identity.client';
import { Caller, GatewayCaller } from './caller.decorator';
import { LoginDto } from './dto/login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { RegisterDto } from './dto/register.dto';
import { SignedInResponse } from './dto/signed-in.response';
import { Public } from './public.decorator';

/**
 * Accounts and tokens. Open to anyone, and rate-limited per client address against guessing; no
 * user token is forwarded, so identity sees the gateway's own.
 */
@ApiTags('auth')
@Controller('auth')
@Public()
@ApiAnonymous()
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(private readonly identity: IdentityClient) {}

  @Post('register')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Register as a shopper', description: 'Creates the account and signs it in.' })
  @ApiCreatedResponse({ type: SignedInResponse, description: 'Registered and signed in.' })
  @ApiProblems(400, 409, 413, 429)
  register(@Body() body: RegisterDto, @Caller() caller: GatewayCaller): Promise<SignedInResponse> {
    return this.identity.register(caller, { email: body.email, password: body.password, displayName: body.displayName });
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: SignedInResponse, description: 'Signed in.' })
  @ApiProblems(400, 401, 413, 429)
  login(@Body() body: LoginDto, @Caller() caller: GatewayCaller): Promise<SignedInResponse> {
    return this.identity.login(caller, { email: body.email, password: body.password });
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
  refresh(@Body() body: RefreshTokenDto, @Caller() caller: GatewayCaller): Promise<SignedInResponse> {
    return this.identity.refresh(caller, { refreshToken: body.refreshToken });
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out: revoke the refresh token' })
  @ApiNoContentResponse({ description: 'Signed out.' })
  @ApiProblems(400, 401, 413, 429)
  logout(@Body() body: RefreshTokenDto, @Caller() caller: GatewayCaller): Promise<void> {
    return this.identity.logout(caller, { refreshToken: body.refreshToken });
  }
}
