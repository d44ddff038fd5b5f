// Package dep holds helpers of another package for swallowedcancel's fixtures.
package dep

import (
	"context"
	"fmt"
	"time"
)

// Step does one unit of work and fails once ctx is done.
func Step(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Millisecond):
		return nil
	}
}

// SleepCtx sleeps for d and reports whether it was not cancelled.
func SleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// Wrap adds context to err.
func Wrap(err error) error { return fmt.Errorf("dep: %w", err) }
