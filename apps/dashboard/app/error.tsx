"use client";

/**
 * What a page shows when it cannot load, most often because PostgreSQL or Redis is
 * unreachable: say so plainly, keep the navigation, and let the user retry.
 */
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main>
      <div className="card" role="alert" data-error-state>
        <h1>This page could not load</h1>
        <p>
          Switchyard could not reach one of its services (the database or the job queue). Nothing you submitted was
          lost; queued jobs wait and run once it is back.
        </p>
        <p className="row">
          <button type="button" onClick={() => reset()}>
            Try again
          </button>
          <a href="/api/health">Service status</a>
        </p>
      </div>
    </main>
  );
}
