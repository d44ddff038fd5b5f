// Package waits is checked with -uncancellable.waits.
package waits

import (
	"context"
	"sync"
)

func scatter(ctx context.Context, fns []func(context.Context)) {
	var wg sync.WaitGroup
	for _, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(ctx)
		}()
	}
	wg.Wait() // want `wg.Wait\(\) cannot be interrupted by ctx's cancellation; make every goroutine it waits for return on ctx.Done\(\)`
}
