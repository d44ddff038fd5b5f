package dep

import (
	"context"
	"time"
)

func Wait(ctx context.Context, d time.Duration) error { // want Wait:`givesUp\(0\)`
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// Reads only a value.
func Value(ctx context.Context) any { return ctx.Value("k") }
