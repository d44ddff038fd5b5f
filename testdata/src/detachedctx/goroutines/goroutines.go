// Package goroutines holds work that outlives its function: reported only
// with -detachedctx.goroutines.
package goroutines

import (
	"context"
	"time"
)

type store struct{}

func (store) Put(ctx context.Context, key, value string) error { return ctx.Err() }

type worker struct {
	s      store
	onStop func()
}

func fetch(ctx context.Context, key string) error { return ctx.Err() }

func asyncCleanup(ctx context.Context, s store) error {
	go s.Put(context.Background(), "audit", "done") // want `context.Background\(\) cuts Put off from ctx's cancellation`
	go func() {
		_ = fetch(context.Background(), "notify") // want `context.Background\(\) cuts fetch off from ctx's cancellation`
	}()
	return fetch(ctx, "k")
}

func (w *worker) register(ctx context.Context) {
	w.onStop = func() {
		_ = w.s.Put(context.Background(), "stopped", "") // want `context.Background\(\) cuts Put off`
	}
	time.AfterFunc(time.Second, func() {
		_ = w.s.Put(context.Background(), "timer", "") // want `context.Background\(\) cuts Put off`
	})
}

// ok: WithoutCancel is the explicit spelling, even with the flag.
func explicit(ctx context.Context, s store) {
	go s.Put(context.WithoutCancel(ctx), "audit", "done")
}

// ok: a lifetime context for a goroutine the function starts.
func startLoop(ctx context.Context) context.CancelFunc {
	lctx, cancel := context.WithCancel(context.Background())
	go loop(lctx)
	return cancel
}

func loop(ctx context.Context) { <-ctx.Done() }
