import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { LoginRequest } from '@mogul/contracts';
import { Required } from '../../problem/required.decorator';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH } from './credentials';

/** No minimum password length here: a rule tightened later must not lock out existing users. */
export class LoginDto implements LoginRequest {
  @ApiProperty({ format: 'email', maxLength: EMAIL_MAX_LENGTH, example: 'ada@example.com' })
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsEmail({}, { message: 'email must be an email address' })
  @Required()
  email!: string;

  @ApiProperty({ format: 'password', maxLength: PASSWORD_MAX_LENGTH })
  @MaxLength(PASSWORD_MAX_LENGTH)
  @IsNotEmpty()
  @IsString()
  @Required()
  password!: string;
}
