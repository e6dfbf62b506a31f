/** The product page query's data, shared by the pages, and what changed between two results. */

export interface ProductPageData {
  product: {
    id: string;
    name: string;
    price: number;
    reviews?: { author: string; stars: number }[];
    recommendations?: { name: string; price: number }[];
    inventory: { warehouse: string; count: number }[];
  } | null;
}

/**
 * Says in words what a result added to the one before it.
 *
 * @param previous - The result before (undefined for the first).
 * @param next - The new result's data.
 * @returns E.g. `product (id, name, price)`, `reviews (2)`, `inventory + Lyon`.
 */
export function describeArrival(previous: ProductPageData | undefined, next: ProductPageData | undefined): string {
  const before = previous?.product;
  const after = next?.product;
  if (after == null) return 'no data';
  const added: string[] = [];
  if (before == null) added.push('product (id, name, price)');
  if (before?.reviews === undefined && after.reviews !== undefined) added.push(`reviews (${after.reviews.length})`);
  if (before?.recommendations === undefined && after.recommendations !== undefined) added.push(`recommendations (${after.recommendations.length})`);
  const newStock = after.inventory.slice(before?.inventory.length ?? 0);
  if (newStock.length > 0) added.push(`inventory + ${newStock.map(({ warehouse }) => warehouse).join(', ')}`);
  return added.length > 0 ? added.join('; ') : 'nothing new';
}
