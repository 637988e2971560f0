import { audit } from '../../common/audit';
import { checkDistinctKeys, RowProblems, writeBatch, type BatchOutcome } from '../../common/batch';
import { ConsentPurpose, recordConsent } from '../../common/consent';
import type { Context } from '../../common/context';
import { todayInVietnam } from '../../common/dates';
import { OnboardeeKind, Onboarding, PlatformKind } from '../entities';
import { platformsOfPartner } from '../loaders';
import { recordOnboardingLogged } from '../domain-events';
import type { LogOnboardingsInput } from '../resolvers/inputs';
import { t } from '../../common/messages';

/** Logs households and businesses onboarded onto the partner's platforms: all rows or none. */
export async function logOnboardings(ctx: Context, { partnerId, onboardings }: LogOnboardingsInput): Promise<BatchOutcome<Onboarding>> {
  const problems = new RowProblems();
  checkDistinctKeys('onboardings', onboardings, problems);
  const platforms = await ctx.loaders.get(platformsOfPartner).load(partnerId);
  const today = todayInVietnam();

  const teams = await Promise.all(
    onboardings.map((row, index) => {
      const at = (field: string) => `onboardings.${index}.${field}`;
      const platform = platforms.find((candidate) => candidate.id === row.platformId);
      if (!platform) problems.add(at('platformId'), t('problems.notAPlatform', { platformId: row.platformId }));
      if (platform && platform.kind !== PlatformKind.MARKETPLACE && row.productsListed != null) {
        problems.add(at('productsListed'), t('problems.notAMarketplace', { platformName: platform.name }));
      }
      if (row.onboardedOn > today) problems.add(at('onboardedOn'), t('problems.notInFuture'));
      // A household's details are personal data: kept only with the household's consent (businesses are not people).
      if (row.onboardeeKind === OnboardeeKind.HOUSEHOLD && !row.consent) problems.add(at('consent'), t('problems.consentMissing'));
      return problems.lookup(at('teamId'), () => ctx.units.team(row.teamId));
    }),
  );
  problems.check();

  return writeBatch(ctx.db, {
    field: 'onboardings',
    scope: `logOnboardings:${partnerId}`,
    rows: onboardings,
    async write(manager, { idempotencyKey, consent, ...row }, index) {
      const team = teams[index]!;
      const onboarding = await manager.save(
        manager.create(Onboarding, {
          ...row,
          partnerId,
          phone: row.phone ?? null,
          address: row.address ?? null,
          productsListed: row.productsListed ?? null,
          teamUnitPath: team.unitPath,
        }),
      );
      // The trail keeps what happened, not residents' details.
      const { name, phone, address, ...kept } = onboarding;
      await audit(manager, ctx.viewer, { action: 'logOnboardings', entity: onboarding, unitPath: team.unitPath, after: kept });
      await recordOnboardingLogged(manager, onboarding);
      if (consent) await recordConsent(manager, ctx.viewer, onboarding, ConsentPurpose.PLATFORM_ONBOARDING, consent, onboarding.phone);
      return onboarding;
    },
    replay: (manager, id) => manager.findOneByOrFail(Onboarding, { id }),
  });
}
