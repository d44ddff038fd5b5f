package detachedctx

import (
	"context"
	"errors"
	"fmt"
	"time"

	"detachedctx/dep"
	"golang.org/x/sync/errgroup"
)

// ok: package level, no function and no context in scope.
var base = context.Background()

// ok: no context in scope; starting a chain here is what Background is for.
func noContextInScope() error {
	return fetch(context.Background(), "k")
}

// ok: a parameter named _ is not a context the function can use.
func underscoreParam(_ context.Context) error {
	return fetch(context.Background(), "k")
}

type worker struct {
	ctx    context.Context
	cancel context.CancelFunc
	s      store
	onStop func()
	result chan string
}

// ok: a struct field is not in scope (it is often a lifetime context the
// rule cannot judge), and neither is a local copied from one.
func (w *worker) fieldOnly() error {
	ctx := w.ctx
	_ = ctx
	return fetch(context.Background(), "k")
}

// ok: WithoutCancel is the explicit way to detach, keeping ctx's values.
func withoutCancel(ctx context.Context) error {
	return fetch(context.WithoutCancel(ctx), "k")
}

// ok: a deferred cleanup must run even when ctx is already cancelled.
func deferredCleanup(ctx context.Context, s store) error {
	defer s.Put(context.Background(), "lock", "")
	return fetch(ctx, "k")
}

// ok: after <-ctx.Done() the caller's ctx is cancelled; the cleanup gets a
// fresh context on purpose (cancelledcleanup would report ctx here).
func flushOnDone(ctx context.Context, s store, in <-chan string) error {
	for {
		select {
		case v := <-in:
			if err := s.Put(ctx, "k", v); err != nil {
				return err
			}
		case <-ctx.Done():
			_ = s.Put(context.Background(), "checkpoint", "")
			return ctx.Err()
		}
	}
}

// ok: a graceful-stop worker: it waits for cancellation, then shuts down
// with a fresh deadline.
func gracefulStop(ctx context.Context, s store) error {
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.Put(sctx, "state", "stopped")
}

// ok: ctx.Err() != nil means ctx can no longer carry the cleanup.
func cleanupOnErr(ctx context.Context, s store) error {
	err := fetch(ctx, "k")
	if ctx.Err() != nil {
		_ = s.Put(context.Background(), "rollback", "")
		return err
	}
	if errors.Is(err, context.Canceled) {
		_ = s.Put(context.TODO(), "rollback", "")
	}
	return err
}

// ok: a lifetime context: the worker outlives Start's ctx, which only
// bounds the start-up.
func (w *worker) Start(ctx context.Context) error {
	w.ctx, w.cancel = context.WithCancel(context.Background())
	return fetch(ctx, "warm-up")
}

// ok: a lifetime context returned to the caller with its cancel.
func newLifetime(ctx context.Context) (context.Context, context.CancelFunc, error) {
	if err := fetch(ctx, "k"); err != nil {
		return nil, nil, err
	}
	lctx, cancel := context.WithCancel(context.Background())
	return lctx, cancel, nil
}

// ok: the lifetime context goes into the struct the function builds.
func newWorker(ctx context.Context) (*worker, error) {
	lctx, cancel := context.WithCancel(context.Background())
	w := &worker{ctx: lctx, cancel: cancel}
	return w, fetch(ctx, "k")
}

// ok: what the call returns is kept in a field, so the context it was
// given bounds the life of that result, not of this call.
func (w *worker) watch(ctx context.Context) error {
	w.result = watchKey(context.Background(), "k")
	return fetch(ctx, "k")
}

func watchKey(ctx context.Context, key string) chan string { return make(chan string) }

// ok: the nil-context default assigns Background, it does not pass it on.
func nilDefault(ctx context.Context) error {
	if ctx == nil {
		ctx = context.Background()
	}
	return fetch(ctx, "k")
}

// ok: not passed where a context is expected.
func notAContextParam(ctx context.Context) string {
	if ctx == context.Background() {
		return fmt.Sprint(context.TODO())
	}
	return ""
}

// ok: a goroutine outlives the request on purpose: go with Background is
// deliberate detachment (reported only with -detachedctx.goroutines).
func asyncCleanup(ctx context.Context, s store) error {
	go s.Put(context.Background(), "audit", "done")
	go func() {
		_ = fetch(context.Background(), "notify")
	}()
	return fetch(ctx, "k")
}

// ok: a callback stored for later runs after this call has returned.
func (w *worker) register(ctx context.Context) {
	w.onStop = func() {
		_ = w.s.Put(context.Background(), "stopped", "")
	}
	time.AfterFunc(time.Second, func() {
		_ = w.s.Put(context.Background(), "timer", "")
	})
}

// ok: errgroup children use the group's ctx.
func errgroupChildren(ctx context.Context, keys []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, k := range keys {
		g.Go(func() error {
			if err := fetch(gctx, k); err != nil {
				return gctx.Err()
			}
			return nil
		})
	}
	return g.Wait()
}

// ok: the Background deep inside dep.Refresh is dep's business; only the
// direct call site counts (contextcheck reports this whole chain).
func deepBackground(ctx context.Context) error {
	if err := dep.Refresh("k"); err != nil {
		return err
	}
	return fetch(ctx, "k")
}

// ok: a client with its own lifetime context (a struct field in dep).
func lifetimeClient(ctx context.Context, c *dep.Client) error {
	_, err := c.Get("k")
	return err
}

// ok: init has no caller context.
func init() {
	_ = fetch(context.Background(), "init")
}

type stream struct{}

func (stream) Recv() (string, error) { return "", nil }

func openStream(ctx context.Context) (stream, error) { return stream{}, ctx.Err() }

// ok: the stream outlives this call: goroutines use it until they stop,
// so the context it was opened with bounds its life, not this call's.
func startStreams(ctx context.Context, n int) error {
	for range n {
		st, err := openStream(context.Background())
		if err != nil {
			return err
		}
		go func() {
			for ctx.Err() == nil {
				if _, err := st.Recv(); err != nil {
					return
				}
			}
		}()
	}
	return nil
}
