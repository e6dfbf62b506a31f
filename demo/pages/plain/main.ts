/**
 * The plain page: `fetchIncremental` with no framework. Renders the product page as results arrive
 * and draws a timeline of when each result arrived and what it added.
 */
import { fetchIncremental } from '@graphql-incremental/fetch';
import { PRODUCT_PAGE_QUERY } from '../../node/productPageQuery.js';
import { describeArrival, type ProductPageData } from '../productPage.js';

const format = new URLSearchParams(location.search).get('format') === '2022' ? '2022' : 'current';
const byId = (id: string) => document.getElementById(id)!;

/** Builds an element with text; text goes through textContent, never innerHTML. */
function element(tag: string, text = '', attributes: Record<string, string> = {}): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function render(data: ProductPageData | undefined): void {
  const product = data?.product;
  if (product == null) return;
  const productSection = byId('product');
  if (productSection.querySelector('h1') === null) {
    productSection.replaceChildren(element('h1', product.name, { 'data-testid': 'product-name' }), element('div', `$${product.price}`, { class: 'price' }));
  }
  const list = byId('inventory').querySelector('ul')!;
  for (const stock of product.inventory.slice(list.children.length)) {
    list.append(element('li', `${stock.warehouse}: ${stock.count} in stock`, { 'data-testid': 'stock' }));
  }
  if (product.reviews !== undefined && byId('reviews').querySelector('ul') === null) {
    const reviews = element('ul');
    reviews.append(...product.reviews.map((review) => element('li', `${'★'.repeat(review.stars)} ${review.author}`, { 'data-testid': 'review' })));
    byId('reviews').querySelector('[data-testid=reviews-skeleton]')!.replaceWith(reviews);
  }
  if (product.recommendations !== undefined && byId('recommendations').querySelector('ul') === null) {
    const recommendations = element('ul');
    recommendations.append(...product.recommendations.map((item) => element('li', `${item.name} ($${item.price})`, { 'data-testid': 'recommendation' })));
    byId('recommendations').querySelector('[data-testid=recommendations-skeleton]')!.replaceWith(recommendations);
  }
}

const ticks: { at: number; tick: HTMLElement }[] = [];

/** One row per result: its arrival time, a tick on a shared time axis, and what it added. */
function addToTimeline(atMs: number, what: string, final: boolean): void {
  const row = element('div', '', { class: 'row', 'data-testid': 'timeline-entry' });
  const bar = element('div', '', { class: 'bar' });
  const tick = element('span', '', { class: 'tick' });
  bar.append(tick);
  row.append(element('span', `+${Math.round(atMs)} ms`, { class: 'at' }), bar, element('span', what, { class: final ? 'what final' : 'what' }));
  byId('timeline').append(row);
  ticks.push({ at: atMs, tick });
  // The axis ends at the latest arrival so far: earlier ticks move left as the run goes on.
  const end = Math.max(atMs, 1);
  for (const { at, tick: each } of ticks) each.style.left = `${(at / end) * 100}%`;
}

async function main(): Promise<void> {
  byId('format').textContent = format === 'current' ? 'current format (incrementalSpec=v0.2)' : '2022 format (deferSpec=20220824)';
  const started = performance.now();
  let previous: ProductPageData | undefined;
  for await (const result of fetchIncremental<ProductPageData>('/graphql', { query: PRODUCT_PAGE_QUERY }, { format })) {
    const at = performance.now() - started;
    render(result.data ?? undefined);
    const pending = result.pending.map(({ label, kind }) => label ?? kind).join(', ');
    const added = describeArrival(previous, result.data ?? undefined);
    addToTimeline(at, `${added}${result.hasNext ? ` (still pending: ${pending || 'more'})` : ' (complete)'}`, !result.hasNext);
    if (result.errors !== undefined) byId('timeline').append(element('pre', JSON.stringify(result.errors, null, 2)));
    previous = result.data ?? undefined;
  }
  byId('inventory').querySelector('[data-testid=inventory-skeleton]')?.remove();
  document.body.dataset['done'] = 'true';
}

main().catch((error: unknown) => {
  byId('timeline').append(element('pre', `Failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, { 'data-testid': 'error' }));
  document.body.dataset['done'] = 'error';
});
