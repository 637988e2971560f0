import { ArrayMaxSize, ArrayMinSize, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A partner system’s URL to send events to' })
export class RegisterWebhookEndpointInput {
  @Field(() => ID, { description: 'The partner whose system it is' })
  @Length(1, 36)
  partnerId: string;

  @Field({ description: 'Where the hub POSTs events: an https URL on the Internet' })
  @Length(8, 500)
  url: string;

  @Field({ description: 'What it is for, e.g. "CRM Viettel Nghệ An"' })
  @Length(2, 120)
  description: string;

  @Field(() => [String], { description: 'The event types it receives (see webhookEventTypes)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @Length(1, 80, { each: true })
  eventTypes: string[];

  @Field(() => String, { nullable: true, description: 'Your own id for this registration: a retry with it registers nothing twice' })
  @IsOptional()
  @Length(1, 100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a webhook endpoint; fields left out stay as they are' })
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true, description: 'The new URL' })
  @IsOptional()
  @Length(8, 500)
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'What the endpoint is, for the partner’s staff' })
  @IsOptional()
  @Length(2, 120)
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the event types it receives' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @Length(1, 80, { each: true })
  eventTypes?: string[] | null;
}
