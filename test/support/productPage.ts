/**
 * The final data of the demo's product page query (demo/node/productPageQuery.ts) against the demo
 * server's data (demo/server/productSchema.ts), shared by the Node SDK test and the browser test.
 */
export const EXPECTED_PRODUCT_PAGE_DATA = {
  product: {
    id: '42',
    name: 'Incremental Espresso Machine',
    price: 499,
    inventory: [
      { warehouse: 'Berlin', count: 12 },
      { warehouse: 'Lyon', count: 4 },
      { warehouse: 'Turin', count: 9 },
      { warehouse: 'Porto', count: 0 },
    ],
    reviews: [
      { author: 'Ada', stars: 5 },
      { author: 'Linus', stars: 4 },
    ],
    recommendations: [
      { name: 'Deferred Grinder', price: 129 },
      { name: 'Streamed Milk Jug', price: 19 },
    ],
  },
};
