// Package sleep is checked with -uncancellable.sleep: time.Sleep and
// timer receives in a function with a ctx in scope, which the default
// leaves alone (a sleep ends by itself; a blocked send never does).
package sleep

import (
	"context"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func try(ctx context.Context) error { return ctx.Err() }

func retryWithSleep(ctx context.Context) error {
	for {
		if err := try(ctx); err == nil {
			return nil
		}
		time.Sleep(30 * time.Second) // want `time.Sleep cannot be interrupted by ctx's cancellation; wait in a select on ctx.Done\(\) and a time.NewTimer's channel`
	}
}

func sleepFirst(ctx context.Context) error {
	time.Sleep(5 * time.Second) // want `time.Sleep cannot be interrupted by ctx's`
	return try(ctx)
}

func bareTimeAfter(ctx context.Context) error {
	<-time.After(time.Minute) // want `receive from time.After\(time.Minute\) cannot be interrupted by ctx's cancellation; select on it together with ctx.Done\(\)`
	return try(ctx)
}

func bareTimer(ctx context.Context, t *time.Timer) error {
	<-t.C // want `receive from t.C cannot be interrupted by ctx's`
	return try(ctx)
}

// The derived context is the one to select on.
func derived(ctx context.Context) error {
	tctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	time.Sleep(time.Minute) // want `cannot be interrupted by tctx's cancellation`
	return try(tctx)
}

// A request handler: the request's context is in scope.
func handler(w http.ResponseWriter, r *http.Request) {
	time.Sleep(2 * time.Second) // want `cannot be interrupted by r.Context\(\)'s cancellation; wait in a select on r.Context\(\).Done\(\)`
}

// An errgroup child runs while the function waits: gctx is in scope.
func children(ctx context.Context, n int, stagger time.Duration) error {
	g, gctx := errgroup.WithContext(ctx)
	for i := range n {
		g.Go(func() error {
			time.Sleep(time.Duration(i) * stagger) // want `time.Sleep cannot be interrupted by gctx's`
			return gctx.Err()
		})
	}
	return g.Wait()
}

// A goroutine that follows ctx (it selects on Done) still sleeps
// uncancellably for its backoff, which can grow long.
func poller(ctx context.Context, poll func() error) {
	go func() {
		backoff := time.Second
		for {
			select {
			case <-ctx.Done():
				return
			default:
			}
			if poll() != nil {
				backoff *= 2
			}
			time.Sleep(backoff) // want `time.Sleep cannot be interrupted by ctx's`
		}
	}()
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

// ok: an outgoing request is no handler's: its context is whatever its
// maker set, not a caller's cancellation, so no context is in scope.
func post(req *http.Request) {
	time.Sleep(2 * time.Second)
	_ = req
}

// ok: the wait is a select on the timer and ctx.Done().
func timerWithDone(ctx context.Context) error {
	t := time.NewTimer(time.Minute)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ok: time.After selected together with Done.
func afterWithDone(ctx context.Context) error {
	select {
	case <-time.After(time.Minute):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ok: no context in scope.
func noContext() {
	time.Sleep(time.Minute)
}

// ok: a parameter named _ cannot be selected on.
func underscore(_ context.Context) {
	time.Sleep(time.Minute)
}

type daemon struct {
	ctx context.Context
}

// ok: a struct-field context is not in scope.
func (d *daemon) run() {
	time.Sleep(time.Minute)
}

// ok: WithoutCancel detached the context on purpose: the cleanup is not
// meant to stop on the caller's cancellation.
func cleanup(ctx context.Context, flush func(context.Context)) {
	ctx = context.WithoutCancel(ctx)
	time.Sleep(time.Minute)
	flush(ctx)
}

// ok: a goroutine that does not mention ctx does not follow it.
func detachedTimer(ctx context.Context, done chan struct{}) error {
	go func() {
		time.Sleep(time.Minute)
		close(done)
	}()
	return ctx.Err()
}

// ok: a callback kept for later does not run under this ctx.
func (d *daemon) schedule(ctx context.Context) {
	time.AfterFunc(time.Second, func() {
		time.Sleep(time.Minute)
	})
}

// ok: init has no caller's context.
func init() {
	ctxFunc := func(ctx context.Context) { time.Sleep(time.Minute) }
	ctxFunc(context.Background())
}

// ok: a poll that checks ctx on every round: cancellation waits at most
// one short, constant sleep.
func pollUntil(ctx context.Context, ready func() bool) error {
	for ctx.Err() == nil {
		if ready() {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return ctx.Err()
}

// ok: an endless poll whose body looks at ctx every round.
func pollForever(ctx context.Context, ready func() bool) error {
	for {
		time.Sleep(time.Millisecond)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if ready() {
			return nil
		}
	}
}

// ok: a one-off pause of a second at most.
func settle(ctx context.Context, call func(context.Context) error) error {
	if err := call(ctx); err != nil {
		return err
	}
	time.Sleep(time.Second)
	<-time.After(100 * time.Millisecond)
	return call(ctx)
}

// ok: an endless loop paced by a short sleep that never looks at ctx.
// The sleep delays cancellation by half a second; what never stops is
// the loop (nats.go's example publishers, which live with the process).
func publishForever(ctx context.Context, publish func(context.Context) error) {
	for {
		time.Sleep(500 * time.Millisecond)
		_ = publish(ctx)
	}
}

// The rule's two sleeps of the 2026-11-30 census, debatable both: a test
// runner's wait operation and an example reconciler simulating work.
func waitOperation(ctx context.Context, ms int) error {
	time.Sleep(time.Duration(ms) * time.Millisecond) // want `time.Sleep cannot be interrupted by ctx's`
	return ctx.Err()
}

func reconcile(ctx context.Context, name string) error {
	time.Sleep(10 * time.Second) // want `time.Sleep cannot be interrupted by ctx's`
	return ctx.Err()
}

// With the flag, a Cond wait that a timer ends is reported as a sleep
// is (k8s.io/apiserver's watch cache).
type watchCache struct {
	cond    *sync.Cond
	version int
}

func (w *watchCache) waitUntilFresh(ctx context.Context, version int, timeout time.Duration) error {
	go func() {
		<-time.After(timeout)
		w.cond.Broadcast()
	}()
	for w.version < version && ctx.Err() == nil {
		w.cond.Wait() // want `w.cond.Wait\(\) cannot be interrupted by ctx's cancellation`
	}
	return ctx.Err()
}
