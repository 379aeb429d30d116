import { describe, expect, it } from 'vitest';
import type { EmulatorCredentialKind } from '../index';
import { callApi, contactListForm, CREDENTIAL_KINDS, errorEnvelope, jsonOf } from './api-helpers';
import type { Envelope } from './api-helpers';
import { useEmulator } from './helpers';

/** The fields of a contact list the tests read. */
interface ContactListData {
  id: string;
  name: string;
  source_type: string;
  progress: string;
  contacts_count: number;
  contacts_count_success: number;
  contacts_count_failed: number;
  contact_variables: string[];
  error_messages: string[];
  finished_at: string | null;
}

const CSV = [
  'phone_number,full_name,order_number',
  '6281234567890,Rina,INV-1001',
  '"+6281234567891","Budi, Jr.","INV-""1002"""',
  'not-a-number,Sari,INV-1003',
  ',Nobody,INV-1004',
  '6281234567892,Dewi,INV-1005,extra',
  '',
].join('\r\n');

async function upload(
  emulator: Parameters<typeof callApi>[0],
  kind: EmulatorCredentialKind,
  form: FormData,
): Promise<Response> {
  return callApi(emulator, kind, '/v1/contacts/contact_lists/async', { form });
}

describe.each(CREDENTIAL_KINDS)('contact lists with a %s credential', (kind) => {
  const start = useEmulator();

  it('are processing after the upload, then hold their contacts, and bad rows are counted and named', async () => {
    const uploadedAt = Date.now(); // the HMAC signature's Date is judged on the clock too
    let now = uploadedAt;
    const emulator = await start({ clock: () => now, contactListProcessingMs: 5_000 });
    const res = await upload(emulator, kind, contactListForm(CSV));
    expect(res.status).toBe(201);
    const created = (await jsonOf<Envelope<ContactListData>>(res)).data;
    expect(created).toMatchObject({
      name: 'Customers',
      source_type: 'spreadsheet',
      progress: 'processing',
      contacts_count: 0,
      finished_at: null,
    });

    now += 4_999;
    const processing = await callApi(emulator, kind, `/v1/contacts/contact_lists/${created.id}`);
    expect((await jsonOf<Envelope<ContactListData>>(processing)).data.progress).toBe('processing');

    now += 1;
    const done = await callApi(emulator, kind, `/v1/contacts/contact_lists/${created.id}`);
    expect(done.status).toBe(200);
    expect((await jsonOf<Envelope<ContactListData>>(done)).data).toMatchObject({
      id: created.id,
      progress: 'success',
      contacts_count: 5,
      contacts_count_success: 2,
      contacts_count_failed: 3,
      contact_variables: ['full_name', 'order_number'],
      error_messages: [
        'row 4: phone_number not-a-number must be digits with an optional leading + (5 to 15 digits)',
        'row 5: phone_number is required',
        'row 6: has 4 cells, the header 3',
      ],
      finished_at: new Date(uploadedAt + 5_000).toISOString(),
    });
  });

  it('fail as a whole without a phone_number column or any valid contact, and name why', async () => {
    const emulator = await start({ contactListProcessingMs: 0 });
    const cases: [string, string[]][] = [
      ['name,number\nRina,6281234567890\n', ['the file has no phone_number column']],
      [
        'Phone_Number,full_name\nabc,Rina\n',
        [
          'row 2: phone_number abc must be digits with an optional leading + (5 to 15 digits)',
          'the file has no valid contacts',
        ],
      ],
      ['\uFEFFphone_number\n', ['the file has no valid contacts']],
    ];
    for (const [csv, messages] of cases) {
      const res = await upload(emulator, kind, contactListForm(csv));
      expect(res.status).toBe(201);
      const list = (await jsonOf<Envelope<ContactListData>>(res)).data;
      expect(list).toMatchObject({ progress: 'failed', contacts_count_success: 0, error_messages: messages });
    }
  });

  it('are listed newest first, paginated, and found by name', async () => {
    const emulator = await start();
    const ids: string[] = [];
    for (const name of ['Jakarta', 'Bandung', 'Jakarta VIP']) {
      const res = await upload(emulator, kind, contactListForm('phone_number\n6281234567890\n', name));
      ids.push((await jsonOf<Envelope<ContactListData>>(res)).data.id);
    }
    const page = await callApi(emulator, kind, '/v1/contacts/contact_lists?limit=2');
    const body = await jsonOf<Envelope<ContactListData[]>>(page);
    expect(body.data.map((list) => list.id)).toEqual([ids[2], ids[1]]);
    expect(body.meta?.pagination).toMatchObject({ offset: 0, limit: 2, total: 3 });
    const found = await callApi(emulator, kind, '/v1/contacts/contact_lists?query=jakarta');
    expect((await jsonOf<Envelope<ContactListData[]>>(found)).data.map((list) => list.name)).toEqual([
      'Jakarta VIP',
      'Jakarta',
    ]);
  });

  it('answer 404 in the envelope for an unknown id', async () => {
    const emulator = await start();
    const res = await callApi(emulator, kind, '/v1/contacts/contact_lists/no-such-list');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(errorEnvelope(404, ['Contact list not found']));
  });

  it('refuse a bad form with 422, one message per bad field, and keep nothing', async () => {
    const emulator = await start();
    const form = new FormData();
    form.append('name', ' ');
    form.append('source_type', 'google_sheet');
    form.append('file', 'phone_number\n6281234567890');
    form.append('label', 'x');
    const res = await upload(emulator, kind, form);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual(
      errorEnvelope(422, [
        'label is not a permitted field',
        'name is required',
        'source_type must be spreadsheet',
        'file must be a file upload',
      ]),
    );
    const empty = await upload(emulator, kind, new FormData());
    expect(await empty.json()).toEqual(
      errorEnvelope(422, ['name is required', 'source_type is required', 'file is required']),
    );
    const list = await callApi(emulator, kind, '/v1/contacts/contact_lists');
    expect((await jsonOf<Envelope<unknown[]>>(list)).data).toEqual([]);
  });
});

describe('contact lists, bounded', () => {
  const start = useEmulator();

  it('keep the newest maxRecords lists', async () => {
    const emulator = await start({ maxRecords: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await upload(emulator, 'access-token', contactListForm('phone_number\n6281234567890\n'));
      ids.push((await jsonOf<Envelope<ContactListData>>(res)).data.id);
    }
    expect((await callApi(emulator, 'access-token', `/v1/contacts/contact_lists/${ids[0]}`)).status).toBe(
      404,
    );
    expect((await callApi(emulator, 'access-token', `/v1/contacts/contact_lists/${ids[2]}`)).status).toBe(
      200,
    );
  });

  it('fail a spreadsheet of more than 10,000 contacts, and refuse a body over maxBodyBytes with 413', async () => {
    const emulator = await start({ contactListProcessingMs: 0 });
    const rows = Array.from({ length: 10_001 }, (_, i) => `62812${String(i).padStart(8, '0')}`);
    const res = await upload(emulator, 'access-token', contactListForm(['phone_number', ...rows].join('\n')));
    expect((await jsonOf<Envelope<ContactListData>>(res)).data).toMatchObject({
      progress: 'failed',
      error_messages: ['the file has more than 10000 contacts'],
    });
    const exactly = await upload(
      emulator,
      'access-token',
      contactListForm(['phone_number', ...rows.slice(1)].join('\n')),
    );
    expect((await jsonOf<Envelope<ContactListData>>(exactly)).data).toMatchObject({
      progress: 'success',
      contacts_count_success: 10_000,
    });

    const small = await start({ maxBodyBytes: 1024 });
    const big = await upload(
      small,
      'access-token',
      contactListForm(`phone_number\n${'6281234567890\n'.repeat(100)}`),
    );
    expect(big.status).toBe(413);
  });

  it('are forgotten by reset()', async () => {
    const emulator = await start();
    const res = await upload(emulator, 'access-token', contactListForm('phone_number\n6281234567890\n'));
    const { id } = (await jsonOf<Envelope<ContactListData>>(res)).data;
    emulator.reset();
    expect((await callApi(emulator, 'access-token', `/v1/contacts/contact_lists/${id}`)).status).toBe(404);
  });
});
