import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { audit } from '../../common/audit';
import { Role } from '../../common/auth';
import type { Context } from '../../common/context';
import { invalidInput, notFound, unauthenticated } from '../../common/errors';
import { CREDENTIAL_SUBJECT, loadPartner } from '../access';
import { Partner, PartnerCredential } from '../entities';
import { credentialById } from '../loaders';
import { t } from '../../common/messages';

/** How long a token exchanged for an API key lasts: revoking a key cuts every subgraph off within this. */
export const PARTNER_TOKEN_SECONDS = 15 * 60;

/** Keys look like `dtp_<credential id>_<43 random characters>`: the id finds the row, the rest is the secret. */
const KEY_PATTERN = /^dtp_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest();

@ObjectType({ description: 'A new API key for a partner’s system, with its record' })
class IssuedCredential {
  @Field(() => PartnerCredential, { description: 'The key’s record (without the key)' })
  credential: PartnerCredential;

  @Field({ description: 'The API key: shown this once, keep it in the partner system’s secret store' })
  apiKey: string;
}

@ObjectType({ description: 'A short-lived token for a partner’s system, exchanged for its API key' })
class PartnerAccessToken {
  @Field({ description: 'Send as `Authorization: Bearer <token>`' })
  token: string;

  @Field(() => Int, { description: 'How many seconds the token stays valid' })
  expiresInSeconds: number;

  @Field(() => Partner, { description: 'The partner the token acts for' })
  partner: Partner;
}

/** Admins issue and revoke partners' API keys; a partner's system exchanges its key for short-lived tokens. */
@Resolver(() => PartnerCredential)
export class CredentialResolver {
  @Query(() => [PartnerCredential], { description: 'Admins only' })
  async partnerCredentials(@Arg('partnerId', () => ID, { description: 'The partner whose keys to list' }) partnerId: string, @Ctx() ctx: Context): Promise<PartnerCredential[]> {
    ctx.viewer.insist(ctx.viewer.has(Role.ADMIN), 'actions.seePartnerApiKeys');
    return ctx.db.manager.find(PartnerCredential, { where: { partnerId }, order: { issuedAt: 'ASC' } });
  }

  @FieldResolver(() => Partner, { description: 'The partner the key is for' })
  partner(@Root() credential: PartnerCredential, @Ctx() ctx: Context): Promise<Partner> {
    return loadPartner(ctx, credential.partnerId);
  }

  @Mutation(() => IssuedCredential, { description: 'Admins only' })
  async issuePartnerCredential(
    @Arg('partnerId', () => ID, { description: 'The partner the key is for' }) partnerId: string,
    @Arg('label', { description: 'What the key is for, e.g. the system that uses it' }) label: string,
    @Ctx() ctx: Context,
  ): Promise<IssuedCredential> {
    ctx.viewer.insist(ctx.viewer.has(Role.ADMIN), 'actions.issueApiKeys');
    await loadPartner(ctx, partnerId);
    const name = label.trim();
    if (name.length < 2 || name.length > 120) throw invalidInput('label', t('problems.labelLength'));
    const secret = randomBytes(32).toString('base64url');
    const credential = await ctx.db.transaction(async (manager) => {
      const issued = await manager.save(
        manager.create(PartnerCredential, {
          partnerId,
          label: name,
          secretHash: hashOf(secret).toString('hex'),
          issuedBy: ctx.viewer.subject,
          revokedAt: null,
        }),
      );
      await audit(manager, ctx.viewer, { action: 'issuePartnerCredential', entity: issued, after: { partnerId, label: name } });
      return issued;
    });
    return { credential, apiKey: `dtp_${credential.id}_${secret}` };
  }

  @Mutation(() => PartnerCredential, { description: 'Admins only; the key stops working at once' })
  async revokePartnerCredential(@Arg('id', () => ID, { description: 'The credential to revoke' }) id: string, @Ctx() ctx: Context): Promise<PartnerCredential> {
    ctx.viewer.insist(ctx.viewer.has(Role.ADMIN), 'actions.revokeApiKeys');
    const credential = await ctx.loaders.get(credentialById).load(id);
    if (!credential) throw notFound('PartnerCredential', id);
    if (credential.revokedAt) return credential;
    return ctx.db.transaction(async (manager) => {
      const revoked = await manager.save(Object.assign(credential, { revokedAt: new Date() }));
      await audit(manager, ctx.viewer, { action: 'revokePartnerCredential', entity: revoked, after: { revokedAt: revoked.revokedAt } });
      return revoked;
    });
  }

  @Mutation(() => PartnerAccessToken, { description: `Exchanges a partner's API key for a token valid ${PARTNER_TOKEN_SECONDS / 60} minutes` })
  async partnerAccessToken(@Arg('apiKey', { description: 'The partner’s API key' }) apiKey: string, @Ctx() ctx: Context): Promise<PartnerAccessToken> {
    if (!ctx.signToken) {
      throw new GraphQLError(t('refusals.noTokensHere'), {
        extensions: { code: 'BAD_REQUEST' },
      });
    }
    const [, id, secret] = KEY_PATTERN.exec(apiKey.trim()) ?? [];
    const credential = id ? await ctx.loaders.get(credentialById).load(id) : undefined;
    const valid =
      credential !== undefined &&
      credential.revokedAt === null &&
      timingSafeEqual(hashOf(secret), Buffer.from(credential.secretHash, 'hex'));
    if (!valid) {
      const error = unauthenticated();
      throw new GraphQLError(t('refusals.unknownApiKey'), { extensions: error.extensions });
    }
    const token = await ctx.signToken(
      { sub: `${CREDENTIAL_SUBJECT}${credential.id}`, roles: [Role.PARTNER], partner: credential.partnerId, name: credential.label },
      PARTNER_TOKEN_SECONDS,
    );
    // Which key was used and when: the trail of a partner's system signing in (never the token itself).
    await ctx.db.transaction((manager) =>
      audit(manager, ctx.viewer, { action: 'partnerAccessToken', entity: credential, after: { partnerId: credential.partnerId, expiresInSeconds: PARTNER_TOKEN_SECONDS } }),
    );
    return { token, expiresInSeconds: PARTNER_TOKEN_SECONDS, partner: await loadPartner(ctx, credential.partnerId) };
  }
}
