import { MaxLength } from 'class-validator';
import { Arg, Ctx, Field, InputType, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { checkedKey, RETRY_KEY } from '../../common/idempotency';
import { ChannelKind } from '../../common/reminders/channels';
import { ReminderPreference } from '../entities';
import { myReminderPreference, setMyReminderPreference } from '../services/reminders';
import { t } from '../../common/messages';

@InputType({ description: 'How to be reminded: by email or on Zalo, and whether at all' })
class ReminderPreferenceInput {
  @Field(() => ChannelKind, { description: 'Where reminders are sent' })
  channel: ChannelKind;

  @Field({ description: 'An email address (EMAIL), or the phone number that has Zalo (ZALO)' })
  @MaxLength(254, { message: () => t('checks.max254Characters') })
  address: string;

  @Field({ defaultValue: false, description: 'No reminders for now' })
  optedOut: boolean;
}

/** Officers and team leaders set how they are reminded, each their own (see services/reminders.ts). */
@Resolver(() => ReminderPreference)
export class ReminderPreferenceResolver {
  @Query(() => ReminderPreference, { nullable: true, description: 'How the signed-in officer or team leader is reminded; null until they set it' })
  myReminderPreference(@Ctx() ctx: Context): Promise<ReminderPreference | null> {
    return myReminderPreference(ctx);
  }

  @Mutation(() => ReminderPreference, { description: 'Sets how the signed-in officer or team leader is reminded of what is due in their units or team' })
  setMyReminderPreference(
    @Arg('input', { description: 'How the signed-in person wants to be reminded' }) input: ReminderPreferenceInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<ReminderPreference> {
    return setMyReminderPreference(ctx, input, checkedKey(idempotencyKey));
  }
}
