// Package deep holds the cases that -blockingcallback.deep adds: waits
// more than two calls deep.
package deep

import (
	"context"

	"blockingcallback/dep"
)

func sleepThreeCallsDeep(ctx context.Context, in, other chan int) {
	for {
		select {
		case <-in:
			dep.Slow() // want `dep.Slow may sleep \(3 calls deep\) and block this dispatch loop`
		case <-other:
			dep.Deep() // ok: five calls deep, past blocking's bound even with -deep
		case <-ctx.Done():
			return
		}
	}
}

func publish(ctx context.Context, b *dep.Bus, in, other chan int) {
	for {
		select {
		case v := <-in:
			b.Publish(v) // want `b.Publish may block on a channel \(1 call deep\) and block this dispatch loop`
		case v := <-other:
			dep.Await(ctx, other) // ok: Await honours the loop's own context
			_ = v
		case <-ctx.Done():
			return
		}
	}
}

func awaitWithAnotherContext(ctx context.Context, in, replies chan int) {
	for {
		select {
		case <-in:
			dep.Await(context.Background(), replies) // want `dep.Await may block on a channel \(1 call deep\) and block this dispatch loop`
		case <-replies:
		case <-ctx.Done():
			return
		}
	}
}
