import { Type } from 'class-transformer';
import { IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import { ConfigError, loadConfig } from './config';

class SampleConfig {
  @IsString()
  DATABASE_URL!: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsUrl({ require_tld: false })
  PUBLIC_URL = 'http://localhost:3000';
}

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig(SampleConfig, { DATABASE_URL: 'postgres://x', PORT: '8080' });
    expect(config.PORT).toBe(8080);
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
  });

  it('names every missing or bad variable', () => {
    let error: unknown;
    try {
      loadConfig(SampleConfig, { PORT: 'eighty' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/DATABASE_URL/);
    expect((error as ConfigError).message).toMatch(/PORT/);
  });
});
