/**
 * The React page: React 19, Apollo Client 4 and `IncrementalHttpLink`. The product renders at once,
 * the deferred sections show skeletons until they arrive, and the streamed inventory grows.
 */
import { ApolloClient, InMemoryCache } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { ApolloProvider } from '@apollo/client/react';
import { IncrementalHttpLink } from '@graphql-incremental/apollo-link';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ProductPage } from './ProductPage.js';

const client = new ApolloClient({
  // Same origin as the page: the demo server serves both.
  link: new IncrementalHttpLink({ uri: '/graphql' }),
  cache: new InMemoryCache(),
  // Apollo Client 4 refuses @defer/@stream without a handler; the link's merged results suit either.
  incrementalHandler: new Defer20220824Handler(),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <ProductPage />
    </ApolloProvider>
  </StrictMode>,
);
