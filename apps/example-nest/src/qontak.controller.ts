import { BadGatewayException, Controller, Get } from '@nestjs/common';
import { isQontakAuthError } from '@qontak/auth-core';
import { InjectQontakHttp } from '@qontak/nestjs';
import type { AxiosInstance } from 'axios';

/** Qontak's health, called through the module's authenticated axios instance. */
@Controller('qontak')
export class QontakController {
  constructor(@InjectQontakHttp() private readonly http: AxiosInstance) {}

  /** `GET /qontak/health`: Qontak's status and body; 502 with the error code when no token can be had. */
  @Get('health')
  async health(): Promise<{ status: number; body: unknown }> {
    try {
      const response = await this.http.get<unknown>('/api/open/v1/health', { validateStatus: () => true });
      return { status: response.status, body: response.data };
    } catch (error) {
      if (isQontakAuthError(error))
        throw new BadGatewayException({ code: error.code, message: error.message });
      throw error;
    }
  }
}
