package cancelledcleanup

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"cancelledcleanup/dep"
	"golang.org/x/sync/errgroup"
)

// ok: the cleanup is detached from the cancellation.
func withoutCancel(ctx context.Context, in <-chan Record, sink *Sink) error {
	var buf []Record
	for {
		select {
		case r := <-in:
			buf = append(buf, r)
		case <-ctx.Done():
			return sink.Flush(context.WithoutCancel(ctx), buf)
		}
	}
}

// ok: detached and bounded again.
func withoutCancelTimeout(ctx context.Context, tx Tx) error {
	<-ctx.Done()
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	return tx.Rollback(cctx)
}

// ok: the cleanup shadows ctx with a detached one.
func shadowed(ctx context.Context, tx Tx) {
	select {
	case <-ctx.Done():
		ctx := context.WithoutCancel(ctx)
		tx.Rollback(ctx)
	case <-time.After(time.Second):
	}
}

// ok: a different, long-lived context: the client's own.
func longLived(ctx context.Context, mu *dep.Mutex, c *dep.Client, op func(context.Context) error) error {
	if err := op(ctx); err != nil {
		if errors.Is(err, context.Canceled) {
			mu.Unlock(c.Ctx())
		}
		return err
	}
	return mu.Unlock(c.Ctx())
}

// ok: a struct field that is not the observed context.
func otherField(ctx context.Context, s *server, l dep.Lease) {
	select {
	case <-ctx.Done():
		dep.Release(s.ctx, l)
	case <-time.After(time.Second):
	}
}

// ok: the parent of a cancelled child is not cancelled.
func parentOfChild(ctx context.Context, sink *Sink) error {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	select {
	case <-tctx.Done():
		return sink.Flush(ctx, nil)
	case <-time.After(2 * time.Second):
		return nil
	}
}

// ok: a logger only reads values from ctx.
func logs(ctx context.Context, l *slog.Logger) {
	<-ctx.Done()
	l.InfoContext(ctx, "stopping")
}

// ok: a callee that only reads a value, through facts.
func notifies(ctx context.Context) error {
	select {
	case <-ctx.Done():
		dep.Notify(ctx, "bye")
		return dep.CtxErr(ctx)
	case <-time.After(time.Second):
		return nil
	}
}

// ok: DeadlineExceeded alone may be the callee's own timeout.
func ownTimeout(ctx context.Context, tx Tx, op func(context.Context) error) error {
	if err := op(ctx); errors.Is(err, context.DeadlineExceeded) {
		return tx.Rollback(ctx)
	}
	return nil
}

// ok: the cancellation is of an error from another context.
func otherCtxErr(ctx context.Context, s *server, tx Tx, op func(context.Context) error) error {
	if err := op(s.ctx); errors.Is(err, context.Canceled) {
		return tx.Rollback(ctx)
	}
	return nil
}

// ok: errgroup children that return ctx.Err() and clean up nothing.
func children(ctx context.Context, in <-chan Record) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-in:
			return nil
		}
	})
	return g.Wait()
}

// ok: a timer case is not cancellation.
func timerCase(ctx context.Context, sink *Sink) error {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case <-t.C:
		return sink.Flush(ctx, nil)
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ok: another channel is not the context.
func stopChannel(ctx context.Context, stop <-chan struct{}, sink *Sink) error {
	<-stop
	return sink.Flush(ctx, nil)
}

// ok: the branch runs while the context is alive.
func alive(ctx context.Context, sink *Sink) error {
	if ctx.Err() == nil {
		return sink.Flush(ctx, nil)
	}
	return ctx.Err()
}

// ok: after the guard returns, ctx was alive.
func afterGuard(ctx context.Context, sink *Sink) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return sink.Flush(ctx, nil)
}

// ok: a deferred cleanup in a function that never observes the
// cancellation itself.
func deferredNoObservation(ctx context.Context, tx Tx, op func(context.Context) error) error {
	defer tx.Rollback(ctx)
	if err := op(ctx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// ok: the defer comes after the return on cancellation.
func deferAfterReturn(ctx context.Context, tx Tx) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	defer tx.Rollback(ctx)
	return tx.Commit(ctx)
}

// ok: the deferred cleanup is detached.
func deferredDetached(ctx context.Context, tx Tx) error {
	defer tx.Rollback(context.WithoutCancel(ctx))
	<-ctx.Done()
	return ctx.Err()
}

// ok: the cleanup takes no context.
func noCtx(ctx context.Context, closeConn func() error) error {
	<-ctx.Done()
	return closeConn()
}

// ok: a function value without an error result cannot fail.
func callbackNoError(ctx context.Context, onStop func(context.Context)) {
	<-ctx.Done()
	onStop(ctx)
}

// ok: a context derived before... from another parent.
func siblingCtx(ctx, other context.Context, sink *Sink) error {
	octx, cancel := context.WithCancel(other)
	defer cancel()
	<-ctx.Done()
	return sink.Flush(octx, nil)
}

// ok: the cancellation is observed in a goroutine; the call after it
// in the outer function is not in that region.
func goroutineObserves(ctx context.Context, sink *Sink) error {
	go func() {
		<-ctx.Done()
	}()
	return sink.Flush(ctx, nil)
}

// ok: after the receive the function loops on; it does not end there.
func waitsThenServes(ctx context.Context, l dep.Lease, serve func() bool) {
	defer dep.Release(ctx, l)
	<-ctx.Done()
	for serve() {
	}
}
