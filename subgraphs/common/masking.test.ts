import { GraphQLError } from 'graphql';
import { captureLogs } from './logging';
import { maskingErrorFormatter } from './masking';

const sqlError = {
  message: 'ER_NO_SUCH_TABLE: Table hub_events.stall_application doesn’t exist',
  path: ['event', 'exhibitors'],
  extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'events', stacktrace: ['QueryFailedError: ER_NO_SUCH_TABLE', '    at …'] },
};

describe('in production', () => {
  const format = maskingErrorFormatter(true);
  let logged: ReturnType<typeof captureLogs>;
  beforeEach(() => {
    logged = captureLogs();
  });
  afterEach(() => logged.restore());

  it.each([
    ['an internal error', sqlError],
    ['an error with an unknown code', { message: 'connect ECONNREFUSED 10.0.3.7:3306', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } }],
    ['an error without a code', { message: 'Cannot read properties of undefined (reading "path")' }],
  ])('masks %s and logs it in full', (_, formatted) => {
    const masked = format(formatted, new GraphQLError(formatted.message));
    expect(masked.message).toMatch(/^Lỗi máy chủ \(mã yêu cầu/);
    expect(JSON.stringify(masked)).not.toMatch(/ER_NO_SUCH|ECONNREFUSED|10\.0\.3\.7|undefined \(reading|stacktrace/);
    expect(masked.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(logged.lines).toEqual([expect.objectContaining({ level: 'error', err: expect.objectContaining({ message: formatted.message }) })]);
  });

  it('keeps the service an internal error came from, and where it is', () => {
    expect(format(sqlError, undefined)).toMatchObject({ path: ['event', 'exhibitors'], extensions: { serviceName: 'events' } });
  });

  it('keeps domain errors’ messages and extensions, without stack traces', () => {
    const formatted = {
      message: 'leader.phone: must be a Vietnamese phone number',
      extensions: { code: 'BAD_USER_INPUT', field: 'leader.phone', serviceName: 'teams', stacktrace: ['GraphQLError: …'] },
    };
    expect(format(formatted, undefined)).toEqual({
      message: 'leader.phone: must be a Vietnamese phone number',
      extensions: { code: 'BAD_USER_INPUT', field: 'leader.phone', serviceName: 'teams', requestId: undefined },
    });
    expect(logged.lines).toEqual([]);
  });

  it('drops suggestions of names from the schema', () => {
    const misspelt = {
      message: 'Variable "$role" got invalid value "OFICER"; Value "OFICER" does not exist in "Role" enum. Did you mean the enum value "OFFICER"?',
      extensions: { code: 'BAD_USER_INPUT' },
    };
    expect(format(misspelt, undefined)).toEqual({
      message: 'Vai trò: “OFICER” không phải một lựa chọn có trong danh sách',
      extensions: { code: 'BAD_USER_INPUT', field: 'role', graphqlMessage: 'Variable "$role" got invalid value "OFICER"; Value "OFICER" does not exist in "Role" enum.', requestId: undefined },
    });
  });
});

it('masks nothing in development', () => {
  expect(maskingErrorFormatter(false)(sqlError, undefined)).toEqual({ ...sqlError, extensions: { ...sqlError.extensions, requestId: undefined } });
});
