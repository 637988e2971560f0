import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { EnvReader } from '../env';
import { fakeZaloApi, type FakeZaloApi } from '../testing/channels';
import { ChannelKind, EmailChannel, readChannels, ZaloChannel } from './channels';

const message = { to: '', subject: 'Nhắc nộp báo cáo hoạt động tháng 11/2026', text: 'Tổ công nghệ số thôn Một chưa nộp báo cáo.' };

describe('email over SMTP', () => {
  let smtp: SMTPServer;
  let port: number;
  const received: { from: string; to: string[]; raw: string }[] = [];

  beforeAll(async () => {
    // A real SMTP server on a local port; plain text (no STARTTLS), as an internal relay would be.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(resolve)));

  it('delivers the message in Vietnamese to the address, from the configured sender', async () => {
    const channel = new EmailChannel(`smtp://127.0.0.1:${port}`, 'Tổ công nghệ số <nhac-viec@tocongngheso.vn>');
    await channel.send({ ...message, to: 'canbo@tamquang.gov.vn' });
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail.from).toBe('nhac-viec@tocongngheso.vn');
    expect(mail.to).toEqual(['canbo@tamquang.gov.vn']);
    // Headers and body are MIME-encoded (quoted-printable): decode what nodemailer wrote.
    const bytesOf = (qp: string) => Buffer.from(qp.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
    const [head, ...body] = mail.raw.split(/\r?\n\r?\n/);
    const subject = head.replace(/\r?\n[ \t]+/g, ' ').match(/^Subject: (.*)$/m)![1]
      .replace(/\?=\s+=\?UTF-8\?Q\?/gi, '')
      .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, word: string) => bytesOf(word.replace(/_/g, ' ')));
    expect(subject).toBe(message.subject);
    expect(bytesOf(body.join('\n')).trim()).toBe(message.text);
  });

  it('throws when the server refuses, so that the reminder is tried again later', async () => {
    const channel = new EmailChannel('smtp://127.0.0.1:1', 'nhac-viec@tocongngheso.vn');
    await expect(channel.send({ ...message, to: 'canbo@tamquang.gov.vn' })).rejects.toThrow();
  });
});

describe('Zalo ZNS', () => {
  let zalo: FakeZaloApi;
  let url: string;
  let requests: FakeZaloApi['requests'];

  beforeAll(async () => {
    zalo = await fakeZaloApi();
    ({ url, requests } = zalo);
  });
  afterAll(() => zalo.close());

  it('posts the template with its parameters to the phone in international form, with the access token', async () => {
    const channel = new ZaloChannel({ url, accessToken: 'oa-token', templateId: '7895417' });
    await channel.send({ ...message, to: '0912 345 678' });
    expect(requests).toHaveLength(1);
    const [{ headers, body }] = requests;
    expect(headers.access_token).toBe('oa-token');
    expect(body).toEqual({
      phone: '84912345678',
      template_id: '7895417',
      template_data: { title: message.subject, content: message.text },
      tracking_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('throws on Zalo’s error answers (HTTP 200 with a negative error) and on HTTP errors', async () => {
    const channel = new ZaloChannel({ url, accessToken: 'expired', templateId: '7895417' });
    zalo.answer = { status: 200, body: { error: -124, message: 'Access token is invalid' } };
    await expect(channel.send({ ...message, to: '0912345678' })).rejects.toThrow('error -124');
    zalo.answer = { status: 503, body: {} };
    await expect(channel.send({ ...message, to: '0912345678' })).rejects.toThrow('HTTP 503');
  });

  it('refuses an address that is not a phone number without calling Zalo', async () => {
    const before = requests.length;
    await expect(new ZaloChannel({ url, accessToken: 't', templateId: '1' }).send({ ...message, to: 'canbo@x.vn' })).rejects.toThrow('phone');
    expect(requests).toHaveLength(before);
  });
});

describe('configuration', () => {
  it('has no channel when nothing is set (reminders are logged), and each channel when set', () => {
    expect(readChannels(new EnvReader({}))).toEqual({});
    const env = new EnvReader({ SMTP_URL: 'smtp://relay:25', ZALO_ACCESS_TOKEN: 't', ZALO_ZNS_TEMPLATE_ID: '1' });
    const channels = readChannels(env);
    env.done();
    expect(Object.keys(channels).sort()).toEqual([ChannelKind.EMAIL, ChannelKind.ZALO]);
  });

  it('refuses half a Zalo configuration and an SMTP URL of another scheme', () => {
    const env = new EnvReader({ SMTP_URL: 'http://relay', ZALO_ACCESS_TOKEN: 't' });
    readChannels(env);
    expect(() => env.done()).toThrow(/SMTP_URL must be a smtp or smtps URL[\s\S]*ZALO_ACCESS_TOKEN and ZALO_ZNS_TEMPLATE_ID go together/);
  });
});
