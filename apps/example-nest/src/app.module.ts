import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { QontakAuthModule } from '@qontak/nestjs';
import { QontakHealthIndicator } from '@qontak/nestjs/terminus';
import { HealthController } from './health.controller';
import { QontakController } from './qontak.controller';

/**
 * The example app: Qontak credentials from ConfigModule (`.env` and the environment:
 * `QONTAK_BASE_URL`, `QONTAK_USERNAME`, `QONTAK_PASSWORD`, `QONTAK_CLIENT_ID`, `QONTAK_CLIENT_SECRET`).
 */
@Module({
  imports: [
    TerminusModule,
    QontakAuthModule.forRootAsync({
      imports: [ConfigModule.forRoot()],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        baseUrl: config.get<string>('QONTAK_BASE_URL'),
        username: config.getOrThrow<string>('QONTAK_USERNAME'),
        password: config.getOrThrow<string>('QONTAK_PASSWORD'),
        clientId: config.get<string>('QONTAK_CLIENT_ID'),
        clientSecret: config.get<string>('QONTAK_CLIENT_SECRET'),
      }),
    }),
  ],
  controllers: [QontakController, HealthController],
  providers: [QontakHealthIndicator],
})
export class AppModule {}
