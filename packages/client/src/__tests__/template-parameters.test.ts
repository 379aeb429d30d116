import { DEMO_CHANNEL_INTEGRATION_ID, DEMO_IMAGE_TEMPLATE_ID } from '@qontak/emulator';
import { describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { QontakApiError } from '../qontak-api-error';
import {
  templateParameters,
  type QontakTemplateShape,
  type QontakTemplateValues,
} from '../template-parameters';
import { authorizerFor, emulator } from './support/schemes';

const ORDER_SHIPPED: QontakTemplateShape = {
  name: 'order_shipped',
  body: 'Hi {{1}}, your order {{2}} has shipped.',
};
const PROMO: QontakTemplateShape = {
  name: 'weekly_promo',
  header: { format: 'IMAGE' },
  body: 'Hi {{ 1 }}, {{2}} is on sale this week. {{1}}!',
  buttons: [{ type: 'URL', text: 'Shop now', url: 'https://shop.example.com/{{1}}' }],
};
const SECRETISH = 'Rina-4f9c-private';

/** The error `templateParameters(template, values)` throws. */
function mismatch(template: QontakTemplateShape, values: QontakTemplateValues): QontakApiError {
  try {
    templateParameters(template, values);
  } catch (error) {
    expect(error).toBeInstanceOf(QontakApiError);
    expect((error as QontakApiError).code).toBe('template_mismatch');
    expect((error as QontakApiError).message).not.toContain(SECRETISH);
    return error as QontakApiError;
  }
  throw new Error('templateParameters did not throw');
}

describe('templateParameters', () => {
  it('fills the body placeholders in order, or by number, with their number as key and value', () => {
    const expected = {
      body: [
        { key: '1', value: '1', value_text: 'Rina' },
        { key: '2', value: '2', value_text: 'INV-1001' },
      ],
    };
    expect(templateParameters(ORDER_SHIPPED, { body: ['Rina', 'INV-1001'] })).toEqual(expected);
    expect(templateParameters(ORDER_SHIPPED, { body: { 2: 'INV-1001', 1: 'Rina' } })).toEqual(expected);
    expect(templateParameters({ name: 'thank_you', body: 'Thank you.' })).toEqual({});
  });

  it('builds the media header and the URL button the template has', () => {
    expect(
      templateParameters(PROMO, {
        body: ['Rina', 'Batik'],
        header: { url: 'https://cdn.example.com/promo.jpg', filename: 'promo.jpg' },
        buttons: ['batik'],
      }),
    ).toEqual({
      header: {
        format: 'IMAGE',
        params: [
          { key: 'url', value: 'https://cdn.example.com/promo.jpg' },
          { key: 'filename', value: 'promo.jpg' },
        ],
      },
      body: [
        { key: '1', value: '1', value_text: 'Rina' },
        { key: '2', value: '2', value_text: 'Batik' },
      ],
      buttons: [{ index: '0', type: 'url', value: 'batik' }],
    });
    expect(
      templateParameters(
        { name: 'hello', header: { format: 'TEXT' }, body: 'Hi' },
        { header: { text: 'Promo' } },
      ),
    ).toEqual({
      header: { format: 'TEXT', params: [{ key: '1', value: 'Promo' }] },
    });
  });

  it.each<[string, QontakTemplateShape, QontakTemplateValues, string]>([
    [
      'too few values',
      ORDER_SHIPPED,
      { body: [SECRETISH] },
      'Template order_shipped: its body has 2 placeholders ({{1}}, {{2}}), got 1 values.',
    ],
    [
      'too many values',
      ORDER_SHIPPED,
      { body: [SECRETISH, 'a', 'b'] },
      'Template order_shipped: its body has 2 placeholders ({{1}}, {{2}}), got 3 values.',
    ],
    [
      'a value for no placeholder',
      ORDER_SHIPPED,
      { body: { 1: SECRETISH, 2: 'a', 3: 'b' } },
      'Template order_shipped: {{3}} is not a placeholder of its body ({{1}}, {{2}}).',
    ],
    [
      'a placeholder without a value',
      ORDER_SHIPPED,
      { body: { 1: SECRETISH } },
      'Template order_shipped: placeholder {{2}} has no value.',
    ],
    [
      'an empty value',
      ORDER_SHIPPED,
      { body: [SECRETISH, ' '] },
      'Template order_shipped: the value of placeholder {{2}} must be a non-empty string.',
    ],
    [
      'a value that is no string',
      ORDER_SHIPPED,
      { body: [SECRETISH, 7 as unknown as string] },
      'Template order_shipped: the value of placeholder {{2}} must be a non-empty string.',
    ],
    [
      'a header the template has not',
      ORDER_SHIPPED,
      { body: ['a', 'b'], header: { url: `https://x.example/${SECRETISH}` } },
      'Template order_shipped: it has no header, so a header value is not allowed.',
    ],
    [
      'a media header without its url',
      PROMO,
      { body: ['a', 'b'] },
      'Template weekly_promo: its IMAGE header needs a url.',
    ],
    [
      'a text for a media header',
      PROMO,
      { body: ['a', 'b'], header: { text: SECRETISH } },
      'Template weekly_promo: its IMAGE header needs a url.',
    ],
    [
      'a media URL that is not http(s)',
      PROMO,
      { body: ['a', 'b'], header: { url: `file:///${SECRETISH}` } },
      'Template weekly_promo: the url of its IMAGE header must be an http or https URL.',
    ],
    [
      'a url for a text header',
      { name: 'hello', header: { format: 'TEXT' }, body: 'Hi' },
      { header: { url: `https://x.example/${SECRETISH}` } },
      'Template hello: its TEXT header takes a text, not a url.',
    ],
    [
      'a button the template has not',
      PROMO,
      { body: ['a', 'b'], header: { url: 'https://x.example/a.jpg' }, buttons: ['x', SECRETISH] },
      'Template weekly_promo: it has 1 buttons, so button 1 (from 0) has no place.',
    ],
  ])('%s: a template_mismatch naming what is wrong, never the values', (_case, template, values, message) => {
    expect(mismatch(template, values).message).toBe(message);
  });

  it("builds what the emulator's direct broadcast accepts (201)", async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor('dashboard access token', server));
    const { data: templates } = await client.GET('/v1/templates/whatsapp');
    const template = templates!.data.find((each) => each.id === DEMO_IMAGE_TEMPLATE_ID)!;
    const parameters = templateParameters(template, {
      body: ['Rina', 'Batik'],
      header: { url: 'https://cdn.example.com/promo.jpg', filename: 'promo.jpg' },
      buttons: ['batik'],
    });
    const { response } = await client.POST('/v1/broadcasts/whatsapp/direct', {
      body: {
        to_number: '6281234567890',
        to_name: 'Rina',
        message_template_id: DEMO_IMAGE_TEMPLATE_ID,
        channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
        language: { code: 'en' },
        parameters,
      },
    });
    expect(response.status).toBe(201);
    expect(server.sent()).toHaveLength(1);
    expect(server.sent()[0]!.parameters).toEqual(parameters);
  });
});
