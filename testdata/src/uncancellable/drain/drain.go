// Package drain is checked with -uncancellable.timerdrain.
package drain

import (
	"context"
	"time"
)

func loop(ctx context.Context, t *time.Timer, events <-chan int) {
	for {
		select {
		case <-events:
			if !t.Stop() {
				<-t.C // want `timer drain <-t.C blocks for good if the value was already received`
			}
			t.Reset(time.Second)
		case <-t.C:
			t.Reset(time.Second)
		case <-ctx.Done():
			return
		}
	}
}

// ok: a non-blocking drain.
func nonBlocking(ctx context.Context, t *time.Timer) {
	if !t.Stop() {
		select {
		case <-t.C:
		default:
		}
	}
	t.Reset(time.Second)
}
