package strandedsend

import (
	"context"
	"errors"
	"time"

	"golang.org/x/sync/errgroup"
	"strandedsend/dep"
)

func compute() int        { return 1 }
func fetch() (int, error) { return 1, nil }
func check() error        { return nil }

// The classic: the receiver leaves on ctx.Done(), the sender is stuck.
func ctxDoneSelect(ctx context.Context) (int, error) {
	results := make(chan int)
	go func() {
		results <- compute() // want `send on results may block forever: the receiver can leave on ctx.Done\(\) first; make results buffered \(cap 1\)`
	}()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// A timeout works the same way.
func timeAfterSelect() (int, error) {
	results := make(chan int)
	go func() { results <- compute() }() // want `the receiver can leave on time.After\(time.Second\) first`
	select {
	case r := <-results:
		return r, nil
	case <-time.After(time.Second):
		return 0, errors.New("timeout")
	}
}

// So does a timer's channel.
func timerChannel() int {
	timer := time.NewTimer(time.Second)
	defer timer.Stop()
	done := make(chan int, 0)
	go func() { done <- compute() }() // want `the receiver can leave on timer.C first; make done buffered \(cap 1\)`
	select {
	case v := <-done:
		return v
	case <-timer.C:
		return -1
	}
}

// First wins: the second goroutine has nobody left to send to.
func firstOfTwo() int {
	c := make(chan int)
	go func() { c <- compute() }() // want `send on c may block forever: the receiver can return before receiving every value; make c buffered \(cap 2\)`
	go func() { c <- compute() }() // want `send on c may block forever`
	return <-c
}

// First wins across two channels: whichever loses is stranded.
func firstOfTwoChannels() int {
	a, b := make(chan int), make(chan int)
	go func() { a <- compute() }() // want `send on a may block forever: the receiver can leave on b first`
	go func() { b <- compute() }() // want `send on b may block forever: the receiver can leave on a first`
	select {
	case v := <-a:
		return v
	case v := <-b:
		return v
	}
}

// An error path returns before the receive.
func errorPathReturn() error {
	errc := make(chan error)
	go func() {
		_, err := fetch()
		errc <- err // want `send on errc may block forever: the receiver can return before receiving from errc; make errc buffered \(cap 1\)`
	}()
	if err := check(); err != nil {
		return err
	}
	return <-errc
}

func worker(out chan<- int) {
	out <- compute()
}

// A named goroutine: its sends are known through facts.
func namedWorker(ctx context.Context) int {
	results := make(chan int)
	go worker(results) // want `send on results in worker may block forever: the receiver can leave on ctx.Done\(\) first`
	select {
	case r := <-results:
		return r
	case <-ctx.Done():
		return 0
	}
}

// The same across packages, also through a function that forwards.
func importedWorker(ctx context.Context) int {
	results := make(chan int)
	go dep.Compute(results) // want `send on results in Compute may block forever`
	go dep.Forward(results) // want `send on results in Forward may block forever: the receiver can leave on ctx.Done\(\) first; make results buffered \(cap 2\)`
	select {
	case r := <-results:
		return r
	case <-ctx.Done():
		return 0
	}
}

// Three goroutines into a channel of capacity one: two can be stuck.
func bufferTooSmall(ctx context.Context) int {
	results := make(chan int, 1)
	for i := 0; i < 3; i++ {
		go func() { results <- i }() // want `make results buffered \(cap 3\)`
	}
	select {
	case r := <-results:
		return r
	case <-ctx.Done():
		return 0
	}
}

// errgroup.Go starts a goroutine too.
func errgroupSender(ctx context.Context) error {
	var g errgroup.Group
	results := make(chan int)
	g.Go(func() error {
		results <- compute() // want `send on results may block forever: the receiver can leave on ctx.Done\(\) first`
		return nil
	})
	select {
	case <-results:
	case <-ctx.Done():
		return ctx.Err()
	}
	return g.Wait()
}

// A select with a default does not wait at all.
func pollOnce() int {
	ch := make(chan int)
	go func() { ch <- compute() }() // want `the receiver does not wait for it \(select with default\)`
	select {
	case v := <-ch:
		return v
	default:
		return 0
	}
}

// The channel passed to a literal's parameter.
func literalParameter(ctx context.Context) int {
	ch := make(chan int)
	go func(out chan<- int) {
		out <- compute() // want `send on out \(ch\) may block forever`
	}(ch)
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Nobody ever receives.
func nothingReceives() {
	done := make(chan struct{})
	go func() {
		done <- struct{}{} // want `send on done may block forever: nothing receives from done`
	}()
}

// The second goroutine starts before the first one's value is received,
// and an error path leaves with one of them unreceived.
func twoBeforeReceiving() error {
	errc := make(chan error)
	go func() { errc <- check() }() // want `send on errc may block forever: the receiver can return before receiving every value; make errc buffered \(cap 2\)`
	go func() { errc <- check() }() // want `send on errc may block forever`
	if err := <-errc; err != nil {
		return err
	}
	return <-errc
}
