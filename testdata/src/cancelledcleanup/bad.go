package cancelledcleanup

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"cancelledcleanup/dep"
)

type Tx interface {
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
}

type Record struct{}

type Sink struct{}

// Flush writes recs; it gives up when ctx is done.
func (s *Sink) Flush(ctx context.Context, recs []Record) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Millisecond):
		return nil
	}
}

// flushVia passes its context on to Flush.
func (s *Sink) flushVia(ctx context.Context, recs []Record) error {
	return s.Flush(ctx, recs)
}

func batcher(ctx context.Context, in <-chan Record, sink *Sink) error {
	var buf []Record
	for {
		select {
		case r := <-in:
			buf = append(buf, r)
		case <-ctx.Done():
			return sink.Flush(ctx, buf) // want `ctx is already cancelled here: Flush gives up at once, so this cleanup does not happen`
		}
	}
}

func rollbackInDoneCase(ctx context.Context, tx Tx, done <-chan struct{}) error {
	select {
	case <-done:
		return tx.Commit(ctx)
	case <-ctx.Done():
		tx.Rollback(ctx) // want `ctx is already cancelled here: Rollback gives up at once`
		return ctx.Err()
	}
}

func transitiveHelper(ctx context.Context, sink *Sink, recs []Record) error {
	select {
	case <-ctx.Done():
		return sink.flushVia(ctx, recs) // want `ctx is already cancelled here: flushVia`
	case <-time.After(time.Second):
		return nil
	}
}

func errGuard(ctx context.Context, l dep.Lease) error {
	if ctx.Err() != nil {
		dep.Release(ctx, l) // want `ctx is already cancelled here: Release`
		return ctx.Err()
	}
	return nil
}

func errInit(ctx context.Context, l dep.Lease) error {
	if err := ctx.Err(); err != nil {
		_ = dep.ReleaseVia(ctx, l) // want `ctx is already cancelled here: ReleaseVia`
		return err
	}
	return nil
}

func observedError(ctx context.Context, tx Tx, op func(context.Context) error) error {
	err := op(ctx)
	if errors.Is(err, context.Canceled) {
		tx.Rollback(ctx) // want `ctx is already cancelled here: Rollback`
		return err
	}
	return err
}

func wrappedError(ctx context.Context, tx Tx, op func(context.Context) error) error {
	err := fmt.Errorf("op: %w", op(ctx))
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return tx.Rollback(ctx) // want `ctx is already cancelled here: Rollback`
	}
	return err
}

func switchOnErr(ctx context.Context, l dep.Lease) {
	switch ctx.Err() {
	case context.Canceled:
		dep.Guarded(ctx) // want `ctx is already cancelled here: Guarded`
	}
}

func derivedChild(ctx context.Context, sink *Sink) error {
	wctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	vctx := context.WithValue(wctx, "k", "v")
	select {
	case <-ctx.Done():
		return sink.Flush(vctx, nil) // want `vctx is already cancelled here`
	case <-time.After(time.Second):
		return nil
	}
}

func shutdownAfterDone(ctx context.Context, srv *http.Server) {
	go func() {
		<-ctx.Done()
		srv.Shutdown(ctx) // want `ctx is already cancelled here: Shutdown gives up at once`
	}()
}

func goCleanup(ctx context.Context, sink *Sink) {
	select {
	case <-ctx.Done():
		go sink.Flush(ctx, nil) // want `ctx is already cancelled here: Flush`
	case <-time.After(time.Second):
	}
}

func fieldCtx(s *server, l dep.Lease) {
	select {
	case <-s.ctx.Done():
		dep.Release(s.ctx, l) // want `s.ctx is already cancelled here: Release`
	case <-time.After(time.Second):
	}
}

type server struct{ ctx context.Context }

func funcValue(ctx context.Context, deregister func(context.Context) error) {
	<-ctx.Done()
	deregister(ctx) // want `ctx is already cancelled here: deregister gives up at once`
}

// The deferred form: the function returns on Done, and the deferred
// rollback then runs with the cancelled ctx.
func deferredRollback(ctx context.Context, tx Tx, rows <-chan Record) error {
	defer tx.Rollback(ctx) // want `ctx is already cancelled when this deferred call runs after the return on cancellation`
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case _, ok := <-rows:
			if !ok {
				return tx.Commit(ctx)
			}
		}
	}
}

func deferredClosure(ctx context.Context, l dep.Lease, step func(context.Context) error) (err error) {
	defer func() {
		if err != nil {
			dep.Release(ctx, l) // want `ctx is already cancelled when this deferred call runs`
		}
	}()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return step(ctx)
}

func crossPackageMethod(ctx context.Context, mu *dep.Mutex) {
	select {
	case <-ctx.Done():
		mu.Unlock(ctx) // want `ctx is already cancelled here: Unlock`
	case <-time.After(time.Second):
	}
}

// The function ends right after the cancellation: its deferred
// deregistration runs with the cancelled ctx.
func deregisterOnExit(ctx context.Context, l dep.Lease) {
	defer dep.Release(ctx, l) // want `ctx is already cancelled when this deferred call runs`
	<-ctx.Done()
}
