package uncancellable

import (
	"context"
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
