/** The version of the privacy notice the web app's forms show (docs/personal-data.md): recorded with every consent. */
export const PRIVACY_NOTICE_VERSION = '2026-01';
