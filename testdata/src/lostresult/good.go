package lostresult

import (
	"context"
	"net"
	"net/http"
	"testing"

	"golang.org/x/sync/errgroup"
	"lostresult/dep"
)

func log(string) {}

// ok: a literal's body decides what to do with the error.
func literalHandlesError() {
	go func() {
		if err := upload("a"); err != nil {
			log(err.Error())
		}
	}()
}

// ok: nothing to collect.
func noResult() {
	go log("x")
}

// ok: non-error results are only reported with -lostresult.all.
func nonErrorResult() {
	go count()
}

func count() int { return 1 }

// ok: errgroup collects the error.
func errgroupCollects(ctx context.Context, names []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, n := range names {
		g.Go(func() error { return upload(n) })
	}
	return g.Wait()
}

func noop() error { return nil } // want noop:"nilError"

// ok: noop's error is nil on every path.
func alwaysNilLocal() {
	go noop()
}

// ok: the imported function's error is nil on every path (fact).
func alwaysNilImported(c *dep.Client) {
	go dep.Noop()
	go dep.Chain()
	go c.Ping()
}

// ok: the deferred GracefulStop makes Serve's error only a stop signal.
type grpcServer struct{}

func (s *grpcServer) Serve(l net.Listener) error { return net.ErrClosed }
func (s *grpcServer) GracefulStop()              {}

func stoppedByDefer(l net.Listener) {
	s := &grpcServer{}
	defer s.GracefulStop()
	go s.Serve(l)
}

// ok: the function itself shuts the server down after ctx ends.
func stoppedInSameFunction(ctx context.Context, srv *http.Server) {
	go srv.ListenAndServe()
	<-ctx.Done()
	srv.Shutdown(context.Background())
}

// ok: t.Cleanup stops it, passed as a method value.
func stoppedByCleanup(t *testing.T, srv *http.Server, l net.Listener) {
	t.Cleanup(func() { srv.Close() })
	go srv.Serve(l)
}

// ok: closing the listener ends http.Serve.
func listenerClosed(l net.Listener, h http.Handler) {
	defer l.Close()
	go http.Serve(l, h)
}

// ok: assigning the channel to _ is an explicit choice.
func explicitlyDropped(ctx context.Context, w *Worker) {
	_ = w.Start(ctx)
}

// ok: the channel is received from.
func futureReceived(ctx context.Context, w *Worker) error {
	return <-w.Start(ctx)
}

func sendOnly() chan<- int { return make(chan int, 1) }

// ok: a send-only channel is the caller's to send on, not a future.
func sendOnlyDropped() {
	sendOnly()
}

// ok: silenced with a reason.
func silenced(b Bus) {
	//asynclint:ignore lostresult Publish never fails on the in-memory bus
	go b.Publish("ev")
	go b.Publish("ev") //asynclint:ignore lostresult,immortalgo trailing form
}
