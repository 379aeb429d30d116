import { paginate, type QontakClient, type QontakListItem } from '@qontak/client';

/**
 * The WhatsApp template `id` as Qontak lists it (`GET /v1/templates/whatsapp`, page by page), or
 * `undefined` when Qontak lists none with that id.
 * @throws {QontakApiError} `http_error` when Qontak answers a page with an error status.
 */
export async function listedTemplate(
  client: QontakClient,
  id: string,
  signal: AbortSignal,
): Promise<QontakListItem<'/v1/templates/whatsapp'> | undefined> {
  for await (const template of paginate(client, '/v1/templates/whatsapp', { signal })) {
    if (template.id === id) return template;
  }
  return undefined;
}
