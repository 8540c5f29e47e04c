import { IdentityLimits, RegisterRequest } from '@mogul/contracts';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { trimmed } from './trimmed';

export class RegisterBody implements RegisterRequest {
  @Transform(trimmed)
  @IsString()
  @MaxLength(IdentityLimits.emailMaxLength)
  @IsEmail()
  email: string;

  @IsString()
  @MinLength(IdentityLimits.passwordMinLength)
  @MaxLength(IdentityLimits.passwordMaxLength)
  password: string;

  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(IdentityLimits.displayNameMaxLength)
  displayName: string;
}
