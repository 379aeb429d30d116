import { chmod, chown, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore } from '../stores/file-token-store';
import { isQontakAuthError, type QontakAuthError } from '../errors/auth-error';
import { QontakToken, serializeToken } from '../stores/token';
import { authFor, emulator, RecordingLogger } from './support/emulator-fixture';

/** Another user: `nobody` on Debian. The tests run as root, which may give files away with chown. */
const OTHER_UID = 65534;
const KEY = 'qontak:http://127.0.0.1:1:client:ops@example.com';
const PLANTED = 'S3ntinel-planted-token';

let directory: string;
let path: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'qontak-file-store-permissions-'));
  path = join(directory, 'tokens.json');
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function token(accessToken = PLANTED): QontakToken {
  return new QontakToken({ accessToken, expiresAt: Date.now() + 3_600_000, issuedAt: Date.now() });
}

/** Writes a token file as someone else could have left it, with that mode (and owner). */
async function plant(at: string, mode: number, uid?: number, accessToken = PLANTED): Promise<void> {
  await writeFile(at, JSON.stringify({ [KEY]: serializeToken(token(accessToken)) }), { mode });
  await chmod(at, mode);
  if (uid !== undefined) await chown(at, uid, uid);
}

async function refusal(call: Promise<unknown>): Promise<QontakAuthError> {
  const error = await call.then(
    () => expect.unreachable('the store should have refused'),
    (caught: unknown) => caught,
  );
  if (!isQontakAuthError(error)) throw error;
  expect(error.code).toBe('config_error');
  expect(error.message).not.toContain(PLANTED);
  return error;
}

describe('FileTokenStore refuses a token file another user controls', () => {
  it('refuses a file another user owns (get, set, delete), naming the path and the fix', async () => {
    await plant(path, 0o600, OTHER_UID);
    const store = new FileTokenStore(path);
    for (const call of [store.get(KEY), store.set(KEY, token('mine')), store.delete(KEY)]) {
      const error = await refusal(call);
      expect(error.message).toBe(
        `FileTokenStore: ${path} is owned by uid ${OTHER_UID}, not by this process's user (uid ${process.getuid!()}): ` +
          'its owner could put their token in it or read yours. Delete it (the store creates its own, mode 0600), ' +
          'or give the store a path in a directory only this user can write.',
      );
    }
    // The planted file is left as it was: nothing was written through it.
    expect(await readFile(path, 'utf8')).toContain(PLANTED);
    expect((await stat(path)).uid).toBe(OTHER_UID);
  });

  it('refuses a file others can write (mode 0666 in a shared directory, or 0620)', async () => {
    for (const mode of [0o666, 0o620, 0o602]) {
      await plant(path, mode);
      const error = await refusal(new FileTokenStore(path).get(KEY));
      expect(error.message).toBe(
        `FileTokenStore: ${path} can be written by other users (mode 0${mode.toString(8)}): they could put ` +
          `their token in it. Run chmod 600 ${path}, or delete it (the store creates its own, mode 0600).`,
      );
    }
  });

  it('refuses a symlink whose target another user owns', async () => {
    const target = join(directory, 'elsewhere.json');
    await plant(target, 0o600, OTHER_UID);
    await symlink(target, path);
    const error = await refusal(new FileTokenStore(path).get(KEY));
    expect(error.message).toContain(`FileTokenStore: ${path} is owned by uid ${OTHER_UID}`);
  });

  it('still reads its own file, also when others may read it (0644)', async () => {
    await plant(path, 0o644, undefined, 'mine-0644');
    expect((await new FileTokenStore(path).get(KEY))?.accessToken).toBe('mine-0644');
    await new FileTokenStore(path).set(KEY, token('mine-again'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a lock file another user owns at once, instead of waiting for its expiry', async () => {
    const record = { pid: 1, owner: 'theirs', expiresAt: Date.now() + 3_600_000, host: null };
    await writeFile(`${path}.lock`, JSON.stringify(record), { mode: 0o600 });
    await chown(`${path}.lock`, OTHER_UID, OTHER_UID);
    // Waiting would end in a `timeout` after lockWaitMs: the refusal is a config_error at once.
    const error = await refusal(new FileTokenStore(path, { lockWaitMs: 5_000 }).lock(KEY, 60_000));
    expect(error.message).toContain(`FileTokenStore: ${path}.lock is owned by uid ${OTHER_UID}`);
  });

  it('refuses a lock file others can write', async () => {
    const record = { pid: 1, owner: 'theirs', expiresAt: Date.now() + 3_600_000, host: null };
    await writeFile(`${path}.lock`, JSON.stringify(record));
    await chmod(`${path}.lock`, 0o666);
    const error = await refusal(new FileTokenStore(path, { lockWaitMs: 5_000 }).lock(KEY, 60_000));
    expect(error.message).toContain(`FileTokenStore: ${path}.lock can be written by other users (mode 0666)`);
  });
});

describe('FileTokenStore refuses a directory another user controls', () => {
  it('refuses a directory others can write without the sticky bit (get, set, lock)', async () => {
    const shared = join(directory, 'shared');
    await mkdir(shared);
    await chmod(shared, 0o777);
    const at = join(shared, 'tokens.json');
    const store = new FileTokenStore(at);
    for (const call of [store.get(KEY), store.set(KEY, token('mine')), store.lock(KEY, 60_000)]) {
      const error = await refusal(call);
      expect(error.message).toBe(
        `FileTokenStore: the directory ${shared} can be written by other users (mode 0777) and has no ` +
          `sticky bit: they could replace the token file. Run chmod 700 ${shared}, or give the store a path ` +
          'in another directory.',
      );
    }
  });

  it('refuses a directory another user owns', async () => {
    const theirs = join(directory, 'theirs');
    await mkdir(theirs, { mode: 0o755 });
    await chown(theirs, OTHER_UID, OTHER_UID);
    const error = await refusal(new FileTokenStore(join(theirs, 'tokens.json')).get(KEY));
    expect(error.message).toBe(
      `FileTokenStore: the directory ${theirs} is owned by uid ${OTHER_UID}, not by this process's user ` +
        `(uid ${process.getuid!()}): its owner could replace the token file. Give the store a path in a ` +
        'directory this user owns.',
    );
  });

  it('uses a shared directory with the sticky bit (like /tmp) for a file of its own', async () => {
    const sticky = join(directory, 'sticky');
    await mkdir(sticky);
    await chmod(sticky, 0o1777);
    const store = new FileTokenStore(join(sticky, 'tokens.json'));
    await store.set(KEY, token('mine-sticky'));
    expect((await store.get(KEY))?.accessToken).toBe('mine-sticky');
    const unlock = await store.lock(KEY, 60_000);
    await unlock();
  });
});

describe('QontakAuth with a FileTokenStore another user planted a token in', () => {
  it('grants its own token instead of using the planted one, and says why (never quoting it)', async () => {
    const server = await emulator({
      users: [
        { username: 'ops@example.com', password: 'S3ntinel-Password-9f2c71' },
        { username: 'attacker@example.com', password: 'attacker-password' },
      ],
    });
    // A token of the attacker's own account, valid on the server: the victim would act as the attacker.
    const attackers = authFor(server, { username: 'attacker@example.com', password: 'attacker-password' });
    const planted = await attackers.getAccessToken();
    const logger = new RecordingLogger();
    const auth = authFor(server, { store: new FileTokenStore(path), logger });
    await writeFile(path, JSON.stringify({ [auth.storeKey]: serializeToken(token(planted)) }), {
      mode: 0o666,
    });
    await chmod(path, 0o666);
    await chown(path, OTHER_UID, OTHER_UID);

    const used = await auth.getAccessToken();
    expect(used).not.toBe(planted);
    expect(server.stats().grants.password.ok).toBe(2);
    const warnings = logger.lines.filter((line) => line.startsWith('warn '));
    expect(warnings.join('\n')).toContain(`${path} is owned by uid ${OTHER_UID}`);
    expect(logger.lines.join('\n')).not.toContain(planted);
  });
});
