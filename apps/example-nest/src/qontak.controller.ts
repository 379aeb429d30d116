import { Controller, Get, Inject } from '@nestjs/common';
import { RequestAuthorizer } from '@qontak/auth-core';
import { InjectQontakHttp } from '@qontak/nestjs';
import type { AxiosInstance } from 'axios';

/** Qontak's health, called through the module's authenticated axios instance. */
@Controller('qontak')
export class QontakController {
  constructor(
    @InjectQontakHttp() private readonly http: AxiosInstance,
    @Inject(RequestAuthorizer) private readonly qontak: RequestAuthorizer,
  ) {}

  /**
   * `GET /qontak/health`: Qontak's status and body (whatever the scheme: the authorizer knows its
   * health URL). When no credentials can be had, the `QontakAuthExceptionFilter` answers 502 or 503.
   */
  @Get('health')
  async health(): Promise<{ status: number; body: unknown }> {
    const response = await this.http.get<unknown>(this.qontak.healthUrl, { validateStatus: () => true });
    return { status: response.status, body: response.data };
  }
}
