package lostresult

import (
	"context"
	"errors"
	"net/http"
	"os/exec"

	"lostresult/dep"
)

func upload(name string) error {
	if name == "" {
		return errors.New("no name")
	}
	return nil
}

func fetch(url string) (int, error) { return 0, errors.New(url) }

func plainFunction() {
	go upload("a.txt") // want `error from upload is dropped by the go statement; collect it with errgroup or a result channel`
}

func twoResults() {
	go fetch("http://x") // want `error from fetch is dropped`
}

type store struct{}

func (s *store) Save(key string) error { return errors.New(key) }

func method(s *store) {
	go s.Save("k") // want `error from s.Save is dropped`
}

func methodValue(s *store) {
	save := s.Save
	go save("k") // want `error from save is dropped`
}

func methodExpression(s *store) {
	go (*store).Save(s, "k") // want `error from \(\*store\).Save is dropped`
}

func parse[T any](s string) (T, error) {
	var zero T
	return zero, errors.New(s)
}

func genericFunction() {
	go parse[int]("12") // want `error from parse\[int\] is dropped`
}

type Saver interface{ Save(key string) error }

func throughInterface(s Saver) {
	go s.Save("k") // want `error from s.Save is dropped`
}

func importedFunction() {
	go dep.Flush() // want `error from dep.Flush is dropped`
}

func importedMethod(c *dep.Client) {
	go c.Send("hello") // want `error from c.Send is dropped`
}

func funcValue(f func() error) {
	go f() // want `error from f is dropped`
}

// A server nobody stops: a failed bind is lost.
func packageLevelListen(h http.Handler) {
	go http.ListenAndServe(":8080", h) // want `error from http.ListenAndServe is dropped`
}

type server struct{}

func (s *server) ListenAndServe() error { return errors.New("bind failed") }
func (s *server) Stop()                 {}

// Stopping a different server does not make this one's error news-free.
func stopsAnotherServer() {
	a, b := &server{}, &server{}
	defer b.Stop()
	go a.ListenAndServe() // want `error from a.ListenAndServe is dropped`
}

// Worker hands its outcome back on a channel.
type Worker struct{}

func (w *Worker) Start(ctx context.Context) <-chan error { // want Start:"future"
	ch := make(chan error)
	go func() { ch <- nil }()
	return ch
}

func droppedFuture(ctx context.Context, w *Worker) {
	w.Start(ctx) // want `channel returned by w.Start is dropped, so the goroutine sending the outcome on it blocks forever`
}

func twoFutures() (<-chan int, <-chan error) { // want twoFutures:"future"
	vals, errs := make(chan int), make(chan error, 0)
	go func() {
		vals <- 1
		errs <- nil
	}()
	return vals, errs
}

func droppedPairOfFutures() {
	twoFutures() // want `channel returned by twoFutures is dropped`
}

// An interface method that never fails by contract is still reported:
// lostresult cannot see the contract.
type Bus interface{ Publish(ev string) error }

func nilByContract(b Bus) {
	go b.Publish("ev") // want `error from b.Publish is dropped`
}

// A directive for another rule does not silence this one.
func ignoreNamesAnotherRule() {
	//asynclint:ignore immortalgo wrong rule
	go upload("x") // want `error from upload is dropped`
}

// A local server that nothing stops and that goes nowhere: a failed
// bind is lost.
func localServerNeverStopped(h http.Handler) {
	srv := &http.Server{Addr: ":8080", Handler: h}
	go srv.ListenAndServe() // want `error from srv.ListenAndServe is dropped`
}

// Listener is a type of this package that only shares net.Listener's
// name: Serve on it proves nothing about how the server stops.
type Listener interface{ Accept() (string, error) }

type queueServer struct{}

func (*queueServer) Serve(l Listener) error { return errors.New("queue closed") }

func serveOtherListener(l Listener) {
	go (&queueServer{}).Serve(l) // want `error from \(&queueServer\{\}\).Serve is dropped`
}

// cmd.Run can fail to start the program; that error is lost.
func runChild(cmd *exec.Cmd) {
	go cmd.Run() // want `error from cmd.Run is dropped by the go statement`
}
