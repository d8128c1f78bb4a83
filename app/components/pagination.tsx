/** Pagination under a list: "1–10 of 23 tickets" and Previous / Next. */

/** Props: 1-based `page`, page size and total; `onPage` gets the new page. */
export interface PaginationProps { page: number; pageSize: number; total: number; noun: string; onPage(page: number): void }

/** The count and the two page buttons (disabled at either end). */
export function Pagination(props: PaginationProps) {
  const pages = () => Math.max(1, Math.ceil(props.total / props.pageSize));
  const first = () => (props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1);
  const last = () => Math.min(props.total, props.page * props.pageSize);
  return (
    <nav class="pagination" aria-label="Pages">
      <p class="pagination-count">
        {props.total === 0 ? `0 ${props.noun}s` : `${first()}–${last()} of ${props.total} ${props.total === 1 ? props.noun : `${props.noun}s`}`}
      </p>
      <div class="pagination-buttons">
        <button
          type="button" class="button button-secondary button-small"
          disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}
        >
          Previous
        </button>
        <span class="pagination-page">Page {props.page} of {pages()}</span>
        <button
          type="button" class="button button-secondary button-small"
          disabled={props.page >= pages()} onClick={() => props.onPage(props.page + 1)}
        >
          Next
        </button>
      </div>
    </nav>
  );
}
