/** The product page component: one `useQuery`, rendered at every increment. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { PRODUCT_PAGE_QUERY } from '../../node/productPageQuery.js';
import type { ProductPageData } from '../productPage.js';

const PRODUCT_PAGE: TypedDocumentNode<ProductPageData, Record<string, never>> = gql(PRODUCT_PAGE_QUERY);

function Skeleton({ lines, testId }: { lines: number; testId: string }) {
  return (
    <div data-testid={testId}>
      {Array.from({ length: lines }, (_, index) => (
        <div key={index} className="skeleton" />
      ))}
    </div>
  );
}

/**
 * Renders the product page as Apollo Client hands out each merged result.
 *
 * @returns The page.
 */
export function ProductPage() {
  const { data, error, dataState } = useQuery(PRODUCT_PAGE);
  const product = data?.product;
  return (
    <>
      <nav>
        <a href="/">All demos</a>
        <a href="/plain/">Plain page</a>
      </nav>
      <p className="muted">
        React 19, Apollo Client 4, <code>IncrementalHttpLink</code>: <span data-testid="data-state">{dataState}</span>
      </p>
      {error !== undefined && <pre data-testid="error">{error.message}</pre>}
      <section data-testid="product-section">
        {product == null ? (
          <Skeleton lines={2} testId="product-skeleton" />
        ) : (
          <>
            <h1 data-testid="product-name">{product.name}</h1>
            <div className="price">${product.price}</div>
          </>
        )}
      </section>
      <section>
        <h2>
          Inventory <span className="muted">(@stream)</span>
        </h2>
        <ul data-testid="inventory">
          {product?.inventory.map((stock) => (
            <li key={stock.warehouse} data-testid="stock">
              {stock.warehouse}: {stock.count} in stock
            </li>
          ))}
        </ul>
        {dataState !== 'complete' && <div className="skeleton" />}
      </section>
      <section>
        <h2>
          Reviews <span className="muted">(@defer)</span>
        </h2>
        {product?.reviews === undefined ? (
          <Skeleton lines={2} testId="reviews-skeleton" />
        ) : (
          <ul>
            {product.reviews.map((review) => (
              <li key={review.author} data-testid="review">
                {'★'.repeat(review.stars)} {review.author}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>
          Recommendations <span className="muted">(@defer, slower)</span>
        </h2>
        {product?.recommendations === undefined ? (
          <Skeleton lines={2} testId="recommendations-skeleton" />
        ) : (
          <ul>
            {product.recommendations.map((item) => (
              <li key={item.name} data-testid="recommendation">
                {item.name} (${item.price})
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
