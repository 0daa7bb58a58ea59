import { Component, type ReactNode, Suspense } from "react";

/**
 * Where a lazily loaded view goes. Its code is a separate chunk fetched from the page's own
 * origin (covered by the CSP `default-src 'self'` and the session cookie); until it arrives a
 * small "Loading …" (or the caller's fallback) shows, and if it cannot be fetched (the server
 * stopped, the session ended) the pane says so instead of taking the whole page down.
 */
export function LazyPane({
  what,
  fallback,
  children,
}: {
  what: string;
  fallback?: ReactNode;
  children: ReactNode;
}) {
  return (
    <LoadFailure what={what} fallback={fallback}>
      <Suspense
        fallback={
          fallback ?? (
            <output className="muted lazy-loading" aria-busy="true">
              Loading {what}…
            </output>
          )
        }
      >
        {children}
      </Suspense>
    </LoadFailure>
  );
}

type FailureProps = { what: string; fallback: ReactNode | undefined; children: ReactNode };

/** Catches a chunk that failed to load (React re-throws the import's rejection while rendering). */
class LoadFailure extends Component<FailureProps, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(e: unknown): { error: string } {
    return { error: e instanceof Error ? e.message : String(e) };
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <>
        <div className="refusal" role="alert">
          Could not load {this.props.what} ({this.state.error}). Reload the page to try again.
        </div>
        {this.props.fallback}
      </>
    );
  }
}
