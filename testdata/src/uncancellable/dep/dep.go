// Package dep is another package: a feed with an exported channel, and
// helpers that take a ctx and return on Done.
package dep

import (
	"context"
	"time"
)

// Feed delivers events on C.
type Feed struct{ C chan int }

// Wait returns after d, or when ctx is done.
func Wait(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Next returns the next event, or ctx's error.
func Next(ctx context.Context, ch <-chan int) (int, error) {
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
