import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createRoot } from 'react-dom/client';
import './graphiql.css';

/**
 * The development GraphQL IDE the gateway serves at /graphql to browsers (never in production):
 * bundled from npm, so it works without internet, unlike Apollo's CDN Sandbox. A token from
 * `npm run token` goes in the Headers tab as {"authorization": "Bearer …"}.
 */
const fetcher = createGraphiQLFetcher({ url: '/graphql' });

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL fetcher={fetcher} defaultQuery={'# The public ledger of Xã Tam Quang\n{\n  disclosure(unitCode: "17227") {\n    totalIncome\n    income { date donor amount receiptNumber }\n  }\n}\n'} />,
);
