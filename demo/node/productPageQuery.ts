/** The product page: the product at once, reviews and recommendations deferred, inventory streamed. */
export const PRODUCT_PAGE_QUERY = /* GraphQL */ `
  query ProductPage {
    product(id: "42") {
      id
      name
      price
      ... @defer(label: "reviews") { reviews { author stars } }
      ... @defer(label: "recommendations") { recommendations { name price } }
      inventory @stream(initialCount: 0, label: "inventory") { warehouse count }
    }
  }
`;
