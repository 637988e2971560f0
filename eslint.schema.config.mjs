// `npm run lint:schema`: @graphql-eslint's schema-recommended rules on the public API schema
// (client/schema.graphql: what `npm run compose` derives from the supergraph, what clients see).
import graphql from '@graphql-eslint/eslint-plugin';

const recommended = graphql.configs['flat/schema-recommended'].rules;
const [, namingConvention] = recommended['@graphql-eslint/naming-convention'];
const { 'ObjectTypeDefinition,ObjectTypeExtension': objectTypeNames, ...otherNames } = namingConvention;

export default [
  {
    files: ['client/schema.graphql'],
    languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig: { schema: 'client/schema.graphql' } } },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...recommended,
      // The recommended naming conventions, but for WebhookEventType: renaming it would break partners' clients.
      '@graphql-eslint/naming-convention': ['error', { ...otherNames, 'ObjectTypeDefinition[name.value!=WebhookEventType],ObjectTypeExtension': objectTypeNames }],
      // Stricter than recommended (types and root fields): every field, argument, input field and enum value too.
      '@graphql-eslint/require-description': [
        'error',
        { types: true, rootField: true, DirectiveDefinition: true, FieldDefinition: true, InputValueDefinition: true, EnumValueDefinition: true },
      ],
      // Receipt.receiptNumber is the number printed on the paper receipt (số phiếu thu): renaming it would break clients.
      '@graphql-eslint/no-typename-prefix': 'off',
      '@graphql-eslint/strict-id-in-types': [
        'error',
        {
          // An administrative unit's identity is its official code (its federation key).
          acceptedIdNames: ['id', 'code'],
          acceptedIdTypes: ['ID'],
          exceptions: {
            // Relay connections and edges, and what a mutation answers, are not things with an identity.
            suffixes: ['Connection', 'Edge', 'Result'],
            // Values computed for one request (totals, pages, files, tokens, rankings), not stored things with an identity.
            types: [
              'AccessCodeSent', 'Budget', 'DataSubject', 'DataSubjectToken', 'Disclosure', 'Exhibitor', 'ExportedFile', 'FundsSummary',
              'IndicatorFigure', 'IndicatorProgress', 'InstalmentToFollowUp', 'IssuedCredential', 'LedgerEntry', 'MemorandumEnding', 'NominationFigures',
              'PageInfo', 'PartnerAccessToken', 'PersonalMembership', 'PledgeFollowUp', 'RegisteredWebhookEndpoint', 'RevisedBudgetLine',
              'StockCount', 'SubUnitRanking', 'TeamProgress', 'UnitAlias', 'UnitCodeNow', 'UnitRollUp', 'UnitRowIssue', 'WebhookEventType', 'Winner',
            ],
          },
        },
      ],
    },
  },
];
