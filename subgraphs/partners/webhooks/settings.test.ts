import { endpointUrlProblem, readWebhookSettings, sendingProblem, WEBHOOK_DEFAULTS } from './settings';

describe('readWebhookSettings', () => {
  it('defaults to https receivers on public addresses', () => {
    expect(readWebhookSettings({ NODE_ENV: 'development' })).toEqual(WEBHOOK_DEFAULTS);
    expect(WEBHOOK_DEFAULTS.allowInsecureUrls).toBe(false);
  });

  it('allows local http receivers only when NODE_ENV says development or test', () => {
    expect(readWebhookSettings({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), WEBHOOK_ALLOW_INSECURE_URLS: 'true' }).allowInsecureUrls).toBe(true);
    expect(() => readWebhookSettings({ NODE_ENV: 'production', WEBHOOK_ALLOW_INSECURE_URLS: 'true' })).toThrow(/WEBHOOK_ALLOW_INSECURE_URLS is for development and tests only/);
    expect(() => readWebhookSettings({ WEBHOOK_ALLOW_INSECURE_URLS: 'true' })).toThrow(/WEBHOOK_ALLOW_INSECURE_URLS/);
  });

  it('names a bad number', () => {
    expect(() => readWebhookSettings({ WEBHOOK_TIMEOUT_MS: '50' })).toThrow(/WEBHOOK_TIMEOUT_MS must be a whole number from 100 to 60000/);
  });
});

describe('where webhooks may go', () => {
  const production = { ...WEBHOOK_DEFAULTS, allowInsecureUrls: false };

  it.each([
    ['https://crm.viettel.example.vn/hook', null],
    ['https://203.113.131.1/hook', null],
    ['http://crm.viettel.example.vn/hook', 'phải là địa chỉ https'],
    ['https://10.0.0.8/hook', 'phải là địa chỉ công khai trên Internet, không phải địa chỉ nội bộ'],
    ['https://169.254.169.254/latest/meta-data', 'phải là địa chỉ công khai trên Internet, không phải địa chỉ nội bộ'],
    ['https://[::1]/hook', 'phải là địa chỉ công khai trên Internet, không phải địa chỉ nội bộ'],
    ['https://[::ffff:127.0.0.1]/hook', 'phải là địa chỉ công khai trên Internet, không phải địa chỉ nội bộ'],
    ['https://[2001:ee0:4141::1]/hook', null],
    ['https://api.localhost/hook', 'phải là địa chỉ công khai trên Internet, không phải địa chỉ nội bộ'],
    ['ftp://crm.example.vn/hook', 'phải là địa chỉ https'],
  ])('%s in production: %s', (url, problem) => {
    expect(endpointUrlProblem(url, production)).toBe(problem);
  });

  it('refuses at send time a name that resolves to an internal address', async () => {
    expect(await sendingProblem('https://localhost/hook', production)).not.toBeNull();
    expect(await sendingProblem('https://127.0.0.1.nip.invalid/hook', production)).toBe('không tìm thấy tên miền');
  });
});
