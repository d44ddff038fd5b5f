package lostresult

import (
	"context"
	"net"
	"net/http"
	"os/exec"

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

// ok: the result channel has room for the one send, so dropping it
// strands nobody (the outcome is only a notification here).
func notify() <-chan struct{} {
	done := make(chan struct{}, 1)
	go func() { done <- struct{}{} }()
	return done
}

func droppedBufferedFuture() {
	notify()
}

type lessor struct{ loopErr error }

// recvLoop stores its own error through the deferred read of err.
func (l *lessor) recvLoop() (err error) { // want recvLoop:"selfReported"
	defer func() { l.loopErr = err }()
	return upload("")
}

// ok: recvLoop reports its error itself.
func selfReported(l *lessor) {
	go l.recvLoop()
}

// ok: closing in the background is fire-and-forget.
func backgroundClose(c net.Conn) {
	go c.Close()
}

// ok: the server is returned; its owner stops it.
func serverReturned(l net.Listener) *grpcServer {
	s := &grpcServer{}
	go s.Serve(l)
	return s
}

type app struct{ srv *http.Server }

// ok: the server belongs to app, whose other methods manage it.
func (a *app) start() {
	go a.srv.ListenAndServe()
}

// ok: the server is handed to the registry that stops it.
func serverPassedOn(l net.Listener, register func(*grpcServer)) {
	s := &grpcServer{}
	register(s)
	go s.Serve(l)
}

func watch() (chan string, error) { return make(chan string), nil } // want watch:"nilError"

// ok: watch's channel has no goroutine sending on it yet.
func droppedChannelNoSender() {
	watch()
}

func futureOfUnknownSize(n int) <-chan error {
	ch := make(chan error, n)
	go func() { ch <- nil }()
	return ch
}

// ok: a capacity that is not a constant may well fit the send.
func droppedFutureUnknownCapacity() {
	futureOfUnknownSize(1)
}

// ok: Serve(listener) returns only when its listener is closed.
func serveListener(l net.Listener, h http.Handler) {
	srv := &http.Server{Handler: h}
	go srv.Serve(l)
	go http.Serve(l, h)
}

// ok: through an interface there is no body to tell whether it is a future.
type starter interface{ Start() <-chan error }

func droppedInterfaceChannel(s starter) {
	s.Start()
}

type conn struct{ handshakeErr error }

// handshake keeps its outcome in c.handshakeErr.
func (c *conn) handshake() error { // want handshake:"selfReported"
	c.handshakeErr = upload("")
	return c.handshakeErr
}

// Handshake forwards to handshake.
func (c *conn) Handshake() error { // want Handshake:"selfReported"
	return c.handshake()
}

// ok: the handshake's error is kept in the connection, where Start reads it.
func startHandshake(c *conn) error {
	go c.Handshake()
	return c.handshakeErr
}

// aliasListener is net.Listener under another name.
type aliasListener = net.Listener

type aliasServer struct{}

func (*aliasServer) Serve(l aliasListener) error { return net.ErrClosed }

// ok: Serve's parameter is net.Listener, through an alias: the type is
// matched by package path and name, not by how it is spelled.
func serveAliasedListener(l net.Listener) {
	go (&aliasServer{}).Serve(l)
}

// ok: go cmd.Wait() reaps a child process nobody waits for (containerd's
// shim manager); the exit status is its result, not a failure to report.
func reapChild(cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
