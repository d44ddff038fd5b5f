package uncancellable

import (
	"context"
	"net/http"
	"time"
)

type store struct{ resync func() error }

// ok: the send in the loop is followed by a return: one error per call,
// for a caller that waits for it (client-go's Reflector.startResync).
func (s *store) startResync(ctx context.Context, tick <-chan time.Time, errc chan error) {
	for {
		select {
		case <-tick:
		case <-ctx.Done():
			return
		}
		if err := s.resync(); err != nil {
			errc <- err
			return
		}
	}
}

// ok: an outgoing request is no handler's: its context is whatever its
// maker set, not a caller's cancellation, so no context is in scope.
func (s *store) post(req *http.Request) {
	time.Sleep(2 * time.Second)
	_ = req
}

// A producer in a loop that hands each item on and also reports its
// error: the item send is reported, the error send followed by return is
// not.
func (s *store) produce(ctx context.Context, items []int, out chan<- int, errc chan<- error) {
	for _, it := range items {
		if ctx.Err() != nil {
			return
		}
		if it < 0 {
			errc <- ctx.Err()
			return
		}
		out <- it // want `send on out cannot be interrupted by ctx's`
	}
}

// ok: the sleep runs only when ctx.Done() is nil, that is when ctx can
// never be cancelled (temporal's backoff.Retry).
func retryFallback(ctx context.Context, op func() error, next time.Duration) error {
	for {
		if err := op(); err == nil {
			return nil
		}
		if done := ctx.Done(); done != nil {
			t := time.NewTimer(next)
			select {
			case <-done:
				t.Stop()
				return ctx.Err()
			case <-t.C:
				continue
			}
		}
		time.Sleep(next)
	}
}

// The if does not leave on every path: the sleep also runs when ctx can
// be cancelled.
func retryNoLeave(ctx context.Context, op func() error, next time.Duration, log func()) error {
	for {
		if err := op(); err == nil {
			return nil
		}
		if ctx.Done() != nil {
			log()
		}
		time.Sleep(next) // want `time.Sleep cannot be interrupted by ctx's`
	}
}
