import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { IsNull, MoreThan } from 'typeorm';
import { audit } from '../../common/audit';
import { DATA_SUBJECT_PREFIX } from '../../common/auth';
import { isProduction } from '../../common/config';
import type { Context } from '../../common/context';
import { subjectKeyOf } from '../../common/data-subject';
import { EnvReader } from '../../common/env';
import { conflict, unauthenticated } from '../../common/errors';
import { channels } from '../../common/reminders/channels';
import { AccessCode } from '../entities';
import { t } from '../../common/messages';

/**
 * One-time codes to a person's phone, with which a resident (who has no account) or a member proves
 * who they are to see the data the hub holds about them and ask for its correction, erasure or
 * restriction. The code goes on Zalo (a ZNS message to the phone, the reminders' channel) when
 * ZALO_ACCESS_TOKEN is configured; without it, in development the code is given back in the answer
 * (a fake channel), and in production the hub refuses, saying the channel is not configured, rather
 * than pretend to send. (There is no SMS channel: no SMS provider is configured anywhere yet.)
 * Written by hand: no maintained library keeps one-time codes in our own database beside the data.
 */
export const ACCESS_CODE = {
  /** Minutes a code stays valid. */
  lifetimeMinutes: 10,
  /** Wrong guesses after which a code is dead (a 6-digit code: 5 guesses in a million). */
  maxFailedAttempts: 5,
  /** Codes one phone may ask for per hour. */
  perPhonePerHour: 3,
  /** Minutes the token given for a right code stays valid. */
  tokenMinutes: 15,
} as const;

const hashOf = (id: string, code: string) => createHash('sha256').update(`${id}:${code}`).digest();

/** Sends (in development: gives back) a new code for `phone`; at most perPhonePerHour. */
export async function sendAccessCode(ctx: Context, phone: string, now = new Date()): Promise<{ expiresAt: Date; developmentCode: string | null }> {
  const zalo = channels().ZALO;
  if ((!zalo && isProduction(new EnvReader())) || !ctx.signToken) {
    throw new GraphQLError(t('refusals.noCodeChannel'), {
      extensions: { code: 'NOT_CONFIGURED' },
    });
  }
  const subjectKey = subjectKeyOf(phone);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + ACCESS_CODE.lifetimeMinutes * 60_000);
  await ctx.db.transaction(async (manager) => {
    // A limit against flooding a phone, not an invariant: two requests at the same instant may both
    // pass it. Guessing is bounded by each code's attempts (a conditional update) and its lifetime.
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const recent = await manager.countBy(AccessCode, { subjectKey, createdAt: MoreThan(hourAgo) });
    if (recent >= ACCESS_CODE.perPhonePerHour) throw conflict(t('conflicts.tooManyCodes'), { limit: ACCESS_CODE.perPhonePerHour });
    const row = manager.create(AccessCode, { subjectKey, codeHash: '', expiresAt, failedAttempts: 0, usedAt: null });
    row.id = randomUUID();
    row.codeHash = hashOf(row.id, code).toString('hex');
    await manager.save(row);
    await audit(manager, ctx.viewer, { action: 'requestAccessCode', entity: row, after: { expiresAt } });
  });
  if (!zalo) return { expiresAt, developmentCode: code };
  await zalo.send({
    to: phone,
    subject: 'Mã xác nhận',
    text: `Mã xác nhận để xem dữ liệu cá nhân của bạn trên hệ thống Tổ công nghệ số cộng đồng: ${code}. Mã dùng một lần, hết hạn sau ${ACCESS_CODE.lifetimeMinutes} phút. Không đưa mã này cho ai.`,
  });
  return { expiresAt, developmentCode: null };
}

/** A token for the person of `phone` when `code` is their newest live code; a wrong code counts against it. */
export async function verifyAccessCode(ctx: Context, phone: string, code: string, now = new Date()): Promise<{ token: string; expiresInSeconds: number }> {
  const subjectKey = subjectKeyOf(phone);
  const refused = () => new GraphQLError(t('refusals.wrongCode'), { extensions: unauthenticated().extensions });
  const verified = await ctx.db.transaction(async (manager) => {
    const live = await manager.findOne(AccessCode, {
      where: { subjectKey, usedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { createdAt: 'DESC' },
    });
    if (!live || live.failedAttempts >= ACCESS_CODE.maxFailedAttempts) return null;
    if (!timingSafeEqual(hashOf(live.id, code), Buffer.from(live.codeHash, 'hex'))) {
      // Counted with a conditional update: concurrent guesses cannot share one attempt.
      await manager.increment(AccessCode, { id: live.id }, 'failedAttempts', 1);
      return null;
    }
    // Used once: of two concurrent right answers, one updates the row and the other finds nothing.
    const used = await manager.update(AccessCode, { id: live.id, usedAt: IsNull() }, { usedAt: now });
    if (!used.affected) return null;
    await audit(manager, ctx.viewer, { action: 'verifyAccessCode', entity: live, after: { usedAt: now } });
    return live;
  });
  if (!verified) throw refused();
  const expiresInSeconds = ACCESS_CODE.tokenMinutes * 60;
  const token = await ctx.signToken!({ sub: `${DATA_SUBJECT_PREFIX}${subjectKey}`, roles: [] }, expiresInSeconds);
  return { token, expiresInSeconds };
}
