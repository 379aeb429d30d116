import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { QontakAuthModule } from '@qontak/nestjs';
import { QontakHealthIndicator } from '@qontak/nestjs/terminus';
import { HealthController } from './health.controller';
import { QontakController } from './qontak.controller';
import { qontakOptionsFromConfig } from './qontak-options';

/**
 * The example app: Qontak credentials of any scheme from ConfigModule (see `qontakOptionsFromConfig`),
 * the `QontakAuthExceptionFilter` registered for the whole app (502 / 503 instead of a bare 500 when
 * no credentials can be had), `GET /qontak/health` and `GET /health`.
 */
@Module({
  imports: [
    TerminusModule,
    QontakAuthModule.forRootAsync({
      imports: [ConfigModule.forRoot()],
      inject: [ConfigService],
      useFactory: qontakOptionsFromConfig,
      exceptionFilter: true,
    }),
  ],
  controllers: [QontakController, HealthController],
  providers: [QontakHealthIndicator],
})
export class AppModule {}
