/**
 * The demo's product page schema on graphql-js 17: a product at once, slow reviews, slower
 * recommendations, and an inventory list that streams one warehouse at a time.
 */
import { GraphQLDeferDirective, GraphQLSchema, GraphQLStreamDirective, buildSchema, specifiedDirectives } from 'graphql';

const sdl = /* GraphQL */ `
  type Query {
    product(id: ID!): Product
  }
  type Product {
    id: ID!
    name: String!
    price: Float!
    reviews: [Review!]!
    recommendations: [Product!]!
    inventory: [Stock!]!
  }
  type Review {
    author: String!
    stars: Int!
    text: String!
  }
  type Stock {
    warehouse: String!
    count: Int!
  }
`;

// graphql 17 keeps @defer/@stream out of specifiedDirectives: a schema that streams declares them.
export const productSchema = new GraphQLSchema({
  ...buildSchema(sdl).toConfig(),
  directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
});

/** Delays that make the increments visible; scale them down in tests. */
export interface Delays {
  readonly reviewsMs: number;
  readonly recommendationsMs: number;
  readonly perWarehouseMs: number;
}

export const DEMO_DELAYS: Delays = { reviewsMs: 600, recommendationsMs: 1200, perWarehouseMs: 250 };

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PRODUCTS: Readonly<Record<string, { name: string; price: number }>> = {
  '42': { name: 'Incremental Espresso Machine', price: 499 },
  '7': { name: 'Deferred Grinder', price: 129 },
  '9': { name: 'Streamed Milk Jug', price: 19 },
};

/** Root value: every field resolves from plain data, slow ones after their delay. */
export function createRootValue(delays: Delays = DEMO_DELAYS) {
  const product = (id: string): unknown => {
    const known = PRODUCTS[id];
    if (known === undefined) return null;
    return {
      id,
      ...known,
      reviews: async () => {
        await wait(delays.reviewsMs);
        return [
          { author: 'Ada', stars: 5, text: 'Arrives before the recommendations, as promised.' },
          { author: 'Linus', stars: 4, text: 'Fast first paint.' },
        ];
      },
      recommendations: async () => {
        await wait(delays.recommendationsMs);
        return ['7', '9'].map(product);
      },
      inventory: async function* () {
        for (const [warehouse, count] of [['Berlin', 12], ['Lyon', 4], ['Turin', 9], ['Porto', 0]] as const) {
          await wait(delays.perWarehouseMs);
          yield { warehouse, count };
        }
      },
    };
  };
  return { product: ({ id }: { id: string }) => product(id) };
}
