import { IdentityLimits, LoginRequest } from '@mogul/contracts';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { trimmed } from './trimmed';

/** No minimum password length here: login checks a password, it does not set one. */
export class LoginBody implements LoginRequest {
  @Transform(trimmed)
  @IsString()
  @MaxLength(IdentityLimits.emailMaxLength)
  @IsEmail()
  email: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(IdentityLimits.passwordMaxLength)
  password: string;
}
