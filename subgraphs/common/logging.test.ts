import { Writable } from 'node:stream';
import { createLogger, loggerOptions } from './logging';

function capture() {
  const lines: Record<string, any>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger({ LOG_LEVEL: 'info' }, destination) };
}

describe('log lines', () => {
  it('are JSON with an ISO time and a level name', () => {
    const { lines, logger } = capture();
    logger.child({ requestId: 'req-12345678' }).info({ status: 200 }, 'request');
    expect(lines).toEqual([expect.objectContaining({ level: 'info', msg: 'request', requestId: 'req-12345678', status: 200 })]);
    expect(new Date(lines[0].time).toISOString()).toBe(lines[0].time);
  });

  it('never carry tokens, authorization headers or personal data', () => {
    const { lines, logger } = capture();
    const secrets = ['Bearer eyJhbGciOi.secret.token', 'eyJhbGciOi.raw.token', '0912345678', 'lan@example.vn', 'Nguyễn Thị Lan', 'Xóm 3, Tam Quang', 'hunter2'];
    logger.info(
      {
        authorization: secrets[0],
        headers: { authorization: secrets[0], cookie: 'session=1' },
        request: { headers: { authorization: secrets[0] } },
        token: secrets[1],
        input: { phone: secrets[2], email: secrets[3], fullName: secrets[4], address: secrets[5], password: secrets[6] },
        variables: { anything: secrets[2] },
        operationName: 'AddMember',
      },
      'request',
    );
    const text = JSON.stringify(lines);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ authorization: '[redacted]', input: { phone: '[redacted]', fullName: '[redacted]' }, operationName: 'AddMember' });
  });

  it('are quiet under the test runner, info by default, as LOG_LEVEL says otherwise', () => {
    expect(loggerOptions({ NODE_ENV: 'test' }).level).toBe('silent');
    expect(loggerOptions({ NODE_ENV: 'production' }).level).toBe('info');
    expect(loggerOptions({ NODE_ENV: 'production', LOG_LEVEL: 'debug' }).level).toBe('debug');
  });

  it('are JSON in production and pretty in development (pino-pretty is installed here)', () => {
    expect(loggerOptions({ NODE_ENV: 'production' }).transport).toBeUndefined();
    expect(loggerOptions({ NODE_ENV: 'development' }).transport).toMatchObject({ target: 'pino-pretty' });
    expect(loggerOptions({ NODE_ENV: 'development', LOG_FORMAT: 'json' }).transport).toBeUndefined();
  });
});
