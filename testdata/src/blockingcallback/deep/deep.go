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
