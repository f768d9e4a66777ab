// The real houvast-server for end-to-end tests, and a worker who acts as the dashboard does:
// signs in with the passphrase (Argon2id in libsodium), unwraps their key, opens check-ins and
// seals replies. Uses the protocol's JavaScript twin in tests/protocol-js.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as hv from '../../protocol-js/houvast.mjs';
import { sleep } from './harness.mjs';

export const SERVER = resolve(process.env.HOUVAST_SERVER ?? '');
const DEMO_EMAIL = 'demo.worker@houvast.test';
const DEMO_PASSPHRASE = 'demo passphrase for houvast';

async function freePort() {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

/** The server on one data directory and one port; stop() and start() keep both. */
export class Server {
  constructor(dir, port) {
    this.dir = dir;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.proc = null;
  }

  static async demo() {
    if (!process.env.HOUVAST_SERVER) throw new Error('set HOUVAST_SERVER to the built server binary');
    const server = new Server(mkdtempSync(join(tmpdir(), 'houvast-e2e-server-')), await freePort());
    await server.start('demo');
    return server;
  }

  async start(command = 'serve') {
    const log = openSync(join(resolve(import.meta.dirname, '..', 'artifacts'), `server-${this.port}.log`), 'a');
    this.proc = spawn(SERVER, [command, '--listen', `127.0.0.1:${this.port}`, '--data-dir', this.dir], {
      stdio: ['ignore', log, log],
    });
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/readyz`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error('the server did not start');
  }

  async stop() {
    if (!this.proc) return;
    const proc = this.proc;
    this.proc = null;
    proc.kill('SIGINT');
    await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
  }
}

/** The demo worker, signed in as the dashboard would: the secret key only in memory. */
export class Worker {
  static async signIn(server) {
    const w = new Worker();
    w.server = server;
    w.cookie = '';
    const params = await w.call('POST', '/api/v1/worker/sign-in/params', { email: DEMO_EMAIL });
    const { loginKey, wrappingKey } = hv.deriveWorkerKeys(
      DEMO_PASSPHRASE, hv.fromB64(params.salt), params.opslimit, params.memlimit_bytes);
    await w.call('POST', '/api/v1/worker/sign-in', { email: DEMO_EMAIL, login_key: hv.toB64(loginKey) });
    const me = await w.call('GET', '/api/v1/worker/me');
    const publicKey = hv.fromB64(me.public_key);
    const { secretKey, pinnedRecovery } = hv.unwrapWorkerSecret(wrappingKey, hv.fromB64(me.wrapped_secret_key), publicKey);
    w.secretKey = secretKey;
    w.publicKey = publicKey;
    w.recovery = pinnedRecovery;
    w.name = me.display_name;
    return w;
  }

  async call(method, path, body) {
    const res = await fetch(`${this.server.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-houvast-request': '1',
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  /** The one line the parent types: the server's address and a new pairing code. */
  async invitation() {
    const made = await this.call('POST', '/api/v1/worker/pairing-codes', {});
    return `${this.server.url}/${made.code}`;
  }

  async onlyClient() {
    const caseload = await this.call('GET', '/api/v1/worker/clients');
    if (caseload.clients.length !== 1) throw new Error(`expected one parent, found ${caseload.clients.length}`);
    return this.call('GET', `/api/v1/worker/clients/${caseload.clients[0].client_id}`);
  }

  keysFor(record) {
    return { parent: hv.fromB64(record.client.client_public_key), worker: this.publicKey, recovery: this.recovery };
  }

  /** The safety number as the dashboard derives it (12 groups of 5 digits). */
  safetyNumber(record) {
    return hv.safetyNumber(this.keysFor(record));
  }

  /** Every check-in of the parent, opened and verified with the worker's key. */
  openCheckIns(record) {
    return record.checkins.map((c) => hv.openCheckIn(this.secretKey, this.keysFor(record), {
      client_id: record.client.client_id, checkin_id: c.checkin_id, contact_point: c.contact_point,
    }, hv.fromB64(c.sealed)));
  }

  /** Replies to the check-in at `contactPoint`, sealed with `senderSecretKey` (the worker's own, or another to forge). */
  async reply(record, contactPoint, message, senderSecretKey = this.secretKey) {
    const checkin = record.checkins.find((c) => c.contact_point === contactPoint);
    const keys = { ...this.keysFor(record), worker: hv.sodium.crypto_scalarmult_base(senderSecretKey) };
    const sealed = hv.sealReply(senderSecretKey, keys, {
      place: { client_id: record.client.client_id, checkin_id: checkin.checkin_id, contact_point: contactPoint },
      reply_id: crypto.randomUUID(),
      sent_at: new Date().toISOString(),
    }, { format: hv.REPLY_FORMAT, proposed_time: '2026-12-03T10:30:00+01:00', way_of_contact: 'phone', message });
    await this.call('POST', `/api/v1/worker/clients/${record.client.client_id}/replies`, {
      contact_point: contactPoint, sealed_for_client: hv.toB64(sealed.for_client), sealed_for_worker: hv.toB64(sealed.for_worker),
    });
  }
}

export const randomSecretKey = () => hv.sodium.crypto_box_keypair().privateKey;
