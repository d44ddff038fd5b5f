package lostresult

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	stdlog "log"

	"k8s.io/apimachinery/pkg/util/wait"
	"lostresult/dep"
)

// Servers are judged by shape, not by name: an accept loop's error only
// says that its listener was closed.

type mux struct {
	l     net.Listener
	conns chan net.Conn
}

func (m *mux) run() error { // want run:"stopOnly"
	defer m.l.Close()
	for {
		c, err := m.l.Accept()
		if err != nil {
			return err
		}
		m.conns <- c
	}
}

// ok: run's only error is Accept's, which fails once the listener is closed.
func startMux(m *mux) {
	go m.run()
}

type quicListener struct {
	l     net.Listener
	known map[string]bool
}

// Run also fails inside its loop on a connection it cannot place: still
// an accept loop, which ends when its listener is closed.
func (q *quicListener) Run() error { // want Run:"stopOnly"
	for {
		c, err := q.l.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return errClosed
			}
			return err
		}
		if !q.known[c.RemoteAddr().String()] {
			return fmt.Errorf("unknown peer %s", c.RemoteAddr())
		}
	}
}

var errClosed = errors.New("listener closed")

// ok: Run, whatever its name, is an accept loop.
func startQUICListener(q *quicListener) *quicListener {
	go q.Run()
	return q
}

// ok: the accept loop of another package, known through its fact.
func startImportedMux(m *dep.Mux) {
	go m.Run()
}

type testServer struct{ udp, tcp *dep.DNSServer }

// ok: ActivateAndServe serves (it forwards to an accept loop); the servers
// go to the returned testServer, whose owner shuts them down.
func newTestServer(l1, l2 net.Listener) *testServer {
	s1 := &dep.DNSServer{L: l1}
	s2 := &dep.DNSServer{L: l2}
	go s1.ActivateAndServe()
	go s2.ActivateAndServe()
	return &testServer{udp: s1, tcp: s2}
}

// A local server that serves and that nothing stops: a failed setup is lost.
func localDNSServerNeverStopped(l net.Listener) {
	s := &dep.DNSServer{L: l}
	go s.ActivateAndServe() // want `error from s.ActivateAndServe is dropped`
}

type webServer struct {
	closed bool
}

// ServeConn fails on setup, then serves the connection's streams in
// goroutines until it closes.
func (w *webServer) ServeConn(c net.Conn, l net.Listener) error { // want ServeConn:"serves"
	if w.closed {
		return errors.New("server closed")
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			if _, err := l.Accept(); err != nil {
				return
			}
		}
	}()
	<-done
	return nil
}

type webListener struct{ server *webServer }

// ok: the server is a field of the listener, which owns and stops it.
func (wl *webListener) handle(c net.Conn, l net.Listener) {
	go wl.server.ServeConn(c, l)
}

type watcher struct {
	done   chan struct{}
	events chan string
	errc   chan error
}

// loop ends only on its stop signal.
func (w *watcher) loop() error { // want loop:"stopOnly"
	for {
		select {
		case <-w.done:
			return errClosed
		case ev := <-w.events:
			_ = ev
		}
	}
}

// ok: loop's error only says it was stopped.
func startWatcher(w *watcher) {
	go w.loop()
}

// relay returns an error it received: a real failure, not a stop signal.
func (w *watcher) relay() error {
	for {
		select {
		case <-w.done:
			return nil
		case err := <-w.errc:
			return err
		}
	}
}

func startRelay(w *watcher) {
	go w.relay() // want `error from w.relay is dropped`
}

// drain ranges over a channel, but fails on a job: the nearest real bug
// to an accept loop, its error is lost.
func drain(jobs <-chan string) error {
	for j := range jobs {
		if err := upload(j); err != nil {
			return err
		}
	}
	return nil
}

func startDrain(jobs <-chan string) {
	go drain(jobs) // want `error from drain is dropped`
}

// ok: the condition never fails, so the poll can only end with "stopped"
// once stopCh closes.
func pollUntilStopped(stopCh <-chan struct{}, queue chan<- string) {
	go wait.PollImmediateUntil(time.Second, func() (bool, error) {
		queue <- "tick"
		return false, nil
	}, stopCh)
	go wait.PollUntilContextCancel(context.Background(), time.Second, true, neverFails)
}

func neverFails(context.Context) (bool, error) { return false, nil } // want neverFails:"nilError"

func check() error { return errors.New("bad") }

// A condition that can fail: its error is lost.
func pollConditionFails(stopCh <-chan struct{}) {
	go wait.PollImmediateUntil(time.Second, func() (bool, error) { // want `error from wait.PollImmediateUntil is dropped`
		return false, check()
	}, stopCh)
}

// A poll with a timeout of its own: "timed out" is a failure.
func pollTimesOut() {
	go wait.PollImmediate(time.Second, time.Minute, func() (bool, error) { return false, nil }) // want `error from wait.PollImmediate is dropped`
}

type syncer struct{ logger *slog.Logger }

// sync logs its error itself before returning it, on every path.
func (s *syncer) sync() error { // want sync:"selfReported"
	if err := upload("a"); err != nil {
		stdlog.Printf("sync: %v", err)
		return err
	}
	if err := upload("b"); err != nil {
		s.logger.Error("sync failed", "err", err)
		return fmt.Errorf("sync b: %w", err)
	}
	return nil
}

// ok: sync has logged whatever it returns.
func startSync(s *syncer) {
	go s.sync()
}

// syncSome logs one failure and not the other.
func (s *syncer) syncSome() error {
	if err := upload("a"); err != nil {
		stdlog.Printf("sync: %v", err)
		return err
	}
	return upload("b")
}

func startSyncSome(s *syncer) {
	go s.syncSome() // want `error from s.syncSome is dropped`
}

// ok: golangci-lint's errcheck directive on the same line says "dropped on purpose".
func nolintErrcheck() {
	go upload("a") //nolint:errcheck // best effort
	go upload("b") //nolint:gosec,errcheck
	go upload("c") //nolint:all
	go upload("d") //nolint
}

// A nolint for another linter does not cover a dropped error.
func nolintOtherLinter() {
	go upload("e") //nolint:gosec // want `error from upload is dropped`
}

type forwarder struct {
	closing chan struct{}
	packets chan []byte
	timer   <-chan time.Time
	conn    net.Conn
}

// forward stops on closing, but a timer's case is no stop signal: its
// write error is a real failure.
func (f *forwarder) forward() error {
	for {
		select {
		case <-f.closing:
			return nil
		case p := <-f.packets:
			_ = p
		case <-f.timer:
			if _, err := f.conn.Write(nil); err != nil {
				return err
			}
		}
	}
}

func startForwarder(f *forwarder) {
	go f.forward() // want `error from f.forward is dropped`
}
